package org.cbdf.dispute.parties;

/**
 * What the policy service concluded on a transfer, in the dispute service's words: the messaging adapter maps the
 * policy's wire type to it, so that a new policy version changes the adapter, not the parties and their API.
 */
public enum AssessmentOutcome {
    PERMITTED, CONDITIONAL, REVIEW_REQUIRED, PROHIBITED
}
