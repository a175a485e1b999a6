package org.cbdf.transfer.events;

public enum DataCategory {
    PERSONAL, SENSITIVE_PERSONAL, IMPORTANT_DATA, NON_PERSONAL, CHILDREN
}
