package org.cbdf.platform.messaging;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a consumer's failure lies in the infrastructure rather than in the event: the database refusing
 * connections, restarting or timing out, a deadlock. Such a failure says nothing about the event, so the event is
 * retried until the infrastructure is back instead of being dead-lettered after its few attempts.
 */
public final class TransientFailures {

    /**
     * SQLSTATE classes and codes of failures that go away by themselves: connection exceptions (08), operator
     * intervention such as a shutdown or a server not yet accepting connections (57P01–57P03), too many
     * connections (53300), serialization failures and deadlocks (40001, 40P01).
     */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("57P01", "57P02", "57P03", "53300", "40001",
            "40P01");

    private TransientFailures() {
    }

    /** {@code true} when anything in the cause chain of {@code failure} is a transient infrastructure failure. */
    public static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof InvalidEventException) {
                return false;
            }
            if (t instanceof CannotCreateTransactionException || t instanceof TransientDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof RecoverableDataAccessException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || TRANSIENT_SQL_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
