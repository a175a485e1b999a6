package org.cbdf.portal.session;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** After login each role lands on its own start page: a regulator its inbox, a policy administrator the policy's. */
@Controller
class StartPages {

    @GetMapping("/")
    String home(Authentication authentication) {
        if (has(authentication, "ROLE_REGULATOR")) {
            return "redirect:/inbox";
        }
        if (!has(authentication, "ROLE_AUDITOR") && !has(authentication, "ROLE_ENTERPRISE")
                && has(authentication, "ROLE_POLICY_ADMIN")) {
            // the transfer API shows a policy administrator no transfer: its start page is the policy's
            return "redirect:/policy/adequacy-decisions";
        }
        return "redirect:/transfers";
    }

    private static boolean has(Authentication authentication, String authority) {
        return authentication.getAuthorities().stream().anyMatch(granted -> authority.equals(granted.getAuthority()));
    }
}
