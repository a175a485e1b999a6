package org.cbdf.policy.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class ReviewIdTests {

    @Test
    void aPathThatIsNotAUuidNamesNoReviewNorFlag() {
        assertThat(ReviewId.parse("not-a-uuid")).isEmpty();
        assertThat(ReviewId.parse(null)).isEmpty();
        assertThat(FlagId.parse("1234")).isEmpty();
    }

    @Test
    void aUuidNamesOneAndReadsAsItself() {
        UUID uuid = UUID.randomUUID();

        assertThat(ReviewId.parse(uuid.toString())).contains(new ReviewId(uuid));
        assertThat(new ReviewId(uuid)).hasToString(uuid.toString());
        assertThat(FlagId.parse(uuid.toString()).orElseThrow().value()).isEqualTo(uuid);
    }
}
