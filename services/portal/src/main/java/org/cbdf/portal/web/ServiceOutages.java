package org.cbdf.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.cbdf.portal.apis.ServiceCircuits;
import org.cbdf.portal.apis.ServiceUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page for a service that did not answer ({@link ServiceUnavailable}): which service, why (no connection, no
 * answer in time, an unreadable answer, an open circuit), and what that means for what the user asked — nothing
 * recorded, or, for a change that reached the service and got no answer, that the portal cannot tell. 502, 503
 * (with {@code Retry-After} while the circuit is open) or 504. A page asked for again is offered as a link; a form's
 * post is not repeated behind the user's back.
 */
@ControllerAdvice
class ServiceOutages {

    private static final Logger log = LoggerFactory.getLogger(ServiceOutages.class);

    @ExceptionHandler(ServiceUnavailable.class)
    ModelAndView unavailable(ServiceUnavailable unavailable, HttpServletRequest request, HttpServletResponse response) {
        log.warn("{} {}: {}", request.getMethod(), request.getRequestURI(), unavailable.getMessage());
        if (response.isCommitted()) {
            // a download already under way: the browser sees it cut short
            return null;
        }
        response.setStatus(unavailable.reason().status().value());
        if (unavailable.reason() == ServiceUnavailable.Reason.CIRCUIT_OPEN) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, unavailable.waited().toSeconds())));
        }
        ModelAndView page = new ModelAndView("service-unavailable");
        page.setStatus(unavailable.reason().status());
        page.addObject("service", unavailable.service().messageKey());
        page.addObject("reason", unavailable.reason().name());
        page.addObject("seconds", unavailable.waited().toMillis() / 1000.0);
        page.addObject("change", !"GET".equals(request.getMethod()));
        page.addObject("mayHaveBeenRecorded", unavailable.mayHaveBeenRecorded());
        page.addObject("again", SessionExpiry.askedAgain(request));
        return page;
    }

    /** The browser stopped reading a download the portal was passing on: nothing to show, nobody to show it to. */
    @ExceptionHandler(ServiceCircuits.DownloadAborted.class)
    void aborted(ServiceCircuits.DownloadAborted aborted, HttpServletRequest request) {
        log.debug("{} {}: {}", request.getMethod(), request.getRequestURI(), aborted.getMessage());
    }
}
