package org.cbdf.portal.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.cbdf.portal.apis.SessionExpired;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page shares: the path it was asked for (the navigation marks where the user is), and the clear
 * page when an API no longer takes the session's token. The session is ended there and then, so the next
 * request logs in again instead of failing the same way: a page says so with a link back to where the user
 * was; an htmx request gets 401 and {@code HX-Refresh}, so the page reloads and the user lands on that page
 * (or the login) rather than on a part of a page that silently stopped updating.
 */
@ControllerAdvice
class SessionExpiry {

    @ModelAttribute("requestPath")
    String requestPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ExceptionHandler(SessionExpired.class)
    ModelAndView expired(SessionExpired expired, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Refresh", "true");
            return null;
        }
        // a page asked for again logs in and comes back; a form's post is not repeated behind the user's back
        String again = Optional.ofNullable(askedAgain(request)).orElse("/");
        ModelAndView page = new ModelAndView("session-expired");
        page.addObject("again", again);
        page.setStatus(HttpStatus.UNAUTHORIZED);
        return page;
    }

    /** The page asked for, to offer again; null for a form's post, which is not repeated behind the user's back. */
    static String askedAgain(HttpServletRequest request) {
        return "GET".equals(request.getMethod())
                ? request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString())
                : null;
    }
}
