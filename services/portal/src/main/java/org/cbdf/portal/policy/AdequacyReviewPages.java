package org.cbdf.portal.policy;

import org.cbdf.portal.apis.PolicyApi;
import org.cbdf.portal.session.PortalUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The adequacy reviews, read-only: the reviews the policy API shows the user (with their deadlines and what is
 * overdue), one review's criteria, findings, opinions, conclusion and timeline, and the recognition map between
 * jurisdictions. Regulators, policy administrators and auditors (PortalSecurity); the steps of a review are taken
 * through the policy API.
 */
@Controller
class AdequacyReviewPages {

    private final PolicyApi policy;

    AdequacyReviewPages(PolicyApi policy) {
        this.policy = policy;
    }

    @GetMapping("/policy/reviews")
    String reviews(PortalUser user,
            @RequestParam(defaultValue = "false") boolean overdue, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("overdueOnly", overdue);
        model.addAttribute("reviews", policy.adequacyReviews(user, overdue));
        return "adequacy-reviews";
    }

    @GetMapping("/policy/reviews/{id}")
    String review(PortalUser user,
            @PathVariable String id, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("review", policy.adequacyReview(user, id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "adequacy-review";
    }

    @GetMapping("/policy/recognition-map")
    String recognitionMap(PortalUser user,
            Model model) {
        model.addAttribute("user", user);
        model.addAttribute("map", policy.recognitionMap(user).orElse(null));
        return "recognition-map";
    }
}
