package org.cbdf.transfer.requests;

/**
 * Told of every transfer saved with new events, inside the transaction that saves it. What a listener does with them
 * (count them, send them to status streams) it does after that transaction commits, so that nothing rolled back is
 * ever counted or shown; outside a transaction there is nothing to save.
 */
public interface TransferChangeListener {

    void saved(Transfer transfer);
}
