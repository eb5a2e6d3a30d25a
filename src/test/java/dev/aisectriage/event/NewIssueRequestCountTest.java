package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.support.Bot;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What one new security report costs in requests to GitHub: a client change must not make it dearer. */
@Timeout(30)
class NewIssueRequestCountTest {

    /**
     * Measured on main at e2d31fc (29 Nov 2026) with the hand-written REST client: token exchange 1, config read 2
     * (the repository's file, then the organisation's {@code .github} fallback), labels 1, list comments 1, create
     * comment 1.
     */
    static final int REQUESTS_ON_MAIN = 6;

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    @Test
    void theFlowCostsNoMoreRequestsThanOnMainWhenASecurityReportIsOpenedGivenARepositoryWithoutConfig()
            throws Exception {
        // given the bot on a repository without config, when a security report is opened
        Bot.on(github).handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        // then token, config, labels, list comments and create comment cost no more than on main
        assertThat(github.requests()).hasSizeLessThanOrEqualTo(REQUESTS_ON_MAIN);
        assertThat(github.commentsOf("octo-org/ml-server#12")).hasSize(1);
        assertThat(github.labelsOf("octo-org/ml-server#12")).hasSize(2);
    }
}
