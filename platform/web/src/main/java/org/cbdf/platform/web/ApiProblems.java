package org.cbdf.platform.web;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of every API as an RFC 9457 problem document. Validation failures list each bad field in an
 * {@code errors} member; nothing internal (stack traces, SQL) reaches the caller.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(ApiProblems.ORDER)
public class ApiProblems extends ResponseEntityExceptionHandler {

    /** Ahead of any other advice but {@link StoreUnavailableProblems}, whose failures this one's catch-all would take. */
    static final int ORDER = org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10;

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    public static ProblemDetail invalid(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, Refusal.detail(errors));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldError(e.getField(), e.getDefaultMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .collect(Collectors.toList());
        ex.getBindingResult().getGlobalErrors()
                .forEach(e -> errors.add(new FieldError(e.getObjectName(), e.getDefaultMessage())));
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimit.TooLarge tooLarge) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                        "Request bodies are limited to " + tooLarge.maxBytes + " bytes.");
                problem.setTitle("Content Too Large");
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
            }
        }
        log.debug("Unreadable request body: {}", ex.getMostSpecificCause().toString());
        return ResponseEntity.badRequest().body(invalid(List.of(describe(parserFailure(ex)))));
    }

    /** The parser's exception, which knows the field, rather than what it wraps (a date's own parse error). */
    private static Throwable parserFailure(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException) {
                return cause;
            }
        }
        return ex.getMostSpecificCause();
    }

    /**
     * Which field of an unreadable body is wrong and what it should be, in the API's words: never the parser's
     * message, a class name, where in the text the parser stopped, or the value sent (the caller has it; a problem
     * document echoing it would carry whatever it holds into clients' logs and pages).
     */
    static FieldError describe(Throwable cause) {
        if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return new FieldError(path(invalid), "unknown value; allowed: " + allowed(invalid.getTargetType()));
        }
        if (cause instanceof InvalidFormatException invalid) {
            return new FieldError(path(invalid), "is not a valid " + simpleType(invalid.getTargetType()));
        }
        if (cause instanceof InvalidNullException invalidNull) {
            return new FieldError(path(invalidNull), "must not be null");
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return new FieldError(path(mismatch), "expected " + simpleType(mismatch.getTargetType()));
        }
        if (cause instanceof StreamReadException) {
            return new FieldError("$", "malformed JSON");
        }
        if (cause instanceof JacksonException jackson) {
            return new FieldError(path(jackson), "is not a valid value here");
        }
        return new FieldError("$", "request body is missing or not readable");
    }

    private static String allowed(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "$" : abbreviate(path.toString());
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == java.util.UUID.class) {
            return "UUID";
        }
        if (type == java.time.LocalDate.class) {
            return "ISO-8601 date (2026-12-31)";
        }
        if (type == java.time.OffsetDateTime.class || type == java.time.Instant.class
                || type == java.time.ZonedDateTime.class) {
            return "ISO-8601 date-time with offset (2026-12-31T10:00:00Z)";
        }
        if (type == java.time.Duration.class || type == java.time.Period.class) {
            return "ISO-8601 duration (P30D)";
        }
        if (type.getName().startsWith("java.time")) {
            return "ISO-8601 date or time";
        }
        return "object";
    }

    /** A path variable or query parameter that is not of its type: named, with what it should be (not its value). */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        log.debug("Request parameter {} not converted: {}", field, ex.getMostSpecificCause().toString());
        String reason = type != null && type.isEnum() ? "unknown value; allowed: " + allowed(type)
                : "is not a valid " + simpleType(type);
        return ResponseEntity.badRequest().body(invalid(List.of(new FieldError(field == null ? "$" : field, reason))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(invalid(List.of(new FieldError(ex.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            return ResponseEntity.badRequest()
                    .body(invalid(List.of(new FieldError(missing.getHeaderName(), "header is required"))));
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    /** A multipart body that does not parse (no boundary, cut off): no API takes one, none is readable. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> malformedMultipart(MultipartException ex) {
        return ResponseEntity.badRequest().body(invalid(List.of(new FieldError("$",
                "the body is not a well-formed multipart request"))));
    }

    @ExceptionHandler(NulCharacterRefusal.InBody.class)
    ResponseEntity<ProblemDetail> nulCharacter(NulCharacterRefusal.InBody ex) {
        return ResponseEntity.badRequest().body(invalid(List.of(new FieldError("$", NulCharacterRefusal.REASON))));
    }

    private static String abbreviate(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }

    /** Every service's domain refusals, one kind one answer. */
    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal refusal) {
        ProblemDetail problem = problemFor(refusal);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** The problem document for a refusal: status and title by its kind, its own title and members where it has them. */
    public static ProblemDetail problemFor(Refusal refusal) {
        ProblemDetail problem = switch (refusal.kind()) {
            case INVALID -> invalid(refusal.errors());
            case NOT_ALLOWED -> titled(HttpStatus.FORBIDDEN, "Not allowed", refusal.getMessage());
            case NOT_FOUND -> titled(HttpStatus.NOT_FOUND, "Not found", refusal.getMessage());
            case CONFLICT -> titled(HttpStatus.CONFLICT, "Not possible now", refusal.getMessage());
            case STALE -> titled(HttpStatus.PRECONDITION_FAILED, "Precondition failed", refusal.getMessage());
        };
        if (refusal.title() != null) {
            problem.setTitle(refusal.title());
        }
        refusal.properties().forEach(problem::setProperty);
        return problem;
    }

    private static ProblemDetail titled(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(jakarta.validation.ConstraintViolationException ex) {
        List<FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    int dot = path.lastIndexOf('.');
                    return new FieldError(dot >= 0 ? path.substring(dot + 1) : path, v.getMessage());
                })
                .sorted(java.util.Comparator.comparing(FieldError::field)).toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) throws Exception {
        if (ex instanceof org.springframework.security.access.AccessDeniedException
                || ex instanceof org.springframework.security.core.AuthenticationException) {
            throw ex; // Spring Security's handlers answer these
        }
        return internalError(ex);
    }

    static ResponseEntity<ProblemDetail> internalError(Exception ex) {
        log.error("Unhandled error", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed; it has been logged.");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }
}
