package org.cbdf.tools.govctl;

/** How results are printed: for people, or as the API's JSON for scripts. */
enum Output {
    text, json
}
