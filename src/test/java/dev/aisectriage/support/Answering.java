package dev.aisectriage.support;

import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer that answers every request with a test's own function, for a stand-in smaller than
 * {@link FakeGitHub}: {@code @StartStop final MockWebServer github = Answering.server(this::answer);}.
 */
public final class Answering {

    private Answering() {}

    public static MockWebServer server(Function<RecordedRequest, MockResponse> answer) {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer.apply(request);
            }
        });
        return server;
    }
}
