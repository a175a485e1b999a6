package org.cbdf.platform.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error report as a problem document instead of an HTML page. Tomcat answers some requests itself,
 * before any filter or servlet sees them — a URL with an encoded slash or a malformed escape, a header section over
 * its limit — and reports those errors through this valve.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        // as Tomcat's valve: nothing for a success, nothing once a body was written or the error already reported
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        String title = status == null ? "Error" : status.getReasonPhrase();
        String detail = code >= 500 ? "The request could not be completed." : "The request was refused by the server.";
        byte[] problem = ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + code
                + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setContentLength(problem.length);
            OutputStream out = response.getOutputStream();
            out.write(problem);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response is already being written: nothing more to say
        }
    }
}
