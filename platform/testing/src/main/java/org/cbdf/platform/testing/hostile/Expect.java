package org.cbdf.platform.testing.hostile;

/** What the answer to a case must be, beyond never a server error. */
public enum Expect {
    /** a 4xx: the request is invalid whatever the service's rules are */
    REFUSED,
    /** 413: the body is over every service's size limit */
    TOO_LARGE,
    /** anything but a 5xx: the request may well be valid (a long text, a boundary number) */
    NO_SERVER_ERROR
}
