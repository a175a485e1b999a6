package org.cbdf.portal.web;

/**
 * Why the portal refuses a form's field before anything is sent (what the API would refuse): the message that says
 * so, and the number it names (a limit), if any.
 */
public record InvalidField(String messageKey, Integer argument) {
}
