package org.cbdf.platform.web;

import java.sql.SQLException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request that failed because the service's database is down, refusing connections or too slow: {@code 503} with
 * {@code Retry-After} and a problem document saying that nothing was recorded (the transaction never committed),
 * instead of an internal error. Ahead of {@link ApiProblems}, whose catch-all would otherwise answer first.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StoreUnavailableProblems {

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(StoreUnavailableProblems.class);

    /** The transaction never committed: a connection was not to be had, or a statement failed on a lost one. */
    @ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessResourceException.class, QueryTimeoutException.class })
    ResponseEntity<ProblemDetail> storeUnavailable(Exception ex) {
        log.warn("Request refused, the database is unavailable: {}", ex.toString());
        return unavailable("The service's database is unavailable; nothing was recorded. Retry after "
                + RETRY_AFTER.toSeconds() + " seconds.");
    }

    /**
     * The transaction's end failed. A rollback that failed after the work failed (the connection had broken, and the
     * pool closed it) recorded nothing: a 503 like any unavailable database when the work failed for that reason. A
     * commit that lost its connection may or may not have reached the database, so the answer says what a client can
     * rely on. A transaction failure of any other kind is an internal error.
     */
    @ExceptionHandler(TransactionSystemException.class)
    ResponseEntity<ProblemDetail> transactionEndFailed(TransactionSystemException ex) {
        Throwable work = ex.getApplicationException();
        if (work != null && (unavailableStore(work) || connectionLost(work))) {
            log.warn("Request failed on a lost database connection, rolled back: {}", work.toString());
            return unavailable("The service's database connection failed; nothing was recorded. Retry after "
                    + RETRY_AFTER.toSeconds() + " seconds.");
        }
        if (work == null && connectionLost(ex)) {
            log.warn("Request failed, the database connection was lost at commit: {}", ex.toString());
            return unavailable("The service lost its database connection while finishing the request, which may or "
                    + "may not have been recorded: read it back, or resend it (with the same Idempotency-Key where "
                    + "the operation takes one, it is recorded at most once). Retry after " + RETRY_AFTER.toSeconds()
                    + " seconds.");
        }
        return ApiProblems.internalError(ex);
    }

    private static boolean unavailableStore(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException || t instanceof QueryTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A PostgreSQL connection exception (SQLSTATE class 08) or administrator shutdown (57P01–57P03) in the chain, or
     * HikariCP's closed connection (which says so without a SQLSTATE).
     */
    static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && ((sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")))
                    || (sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage())))) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle("Service temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds())).body(problem);
    }
}
