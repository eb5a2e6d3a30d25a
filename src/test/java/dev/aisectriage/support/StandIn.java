package dev.aisectriage.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stand-in service on MockWebServer (GitHub's API, the Hub's), started when made: it records every request,
 * answers the ones a test scripted for {@code METHOD /path} first, and otherwise answers as the service would. As a
 * JUnit extension ({@code @RegisterExtension}) it is closed after each test.
 *
 * @param <S> the stand-in itself, so that scripting chains
 */
public abstract class StandIn<S extends StandIn<S>> implements Closeable, AfterEachCallback {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final MockWebServer server = new MockWebServer();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Deque<MockResponse>> scripted = new ConcurrentHashMap<>();

    protected StandIn() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return sent(received(r));
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How the service answers a request no test scripted. */
    protected abstract MockResponse answer(Request request);

    /** The answer as it leaves (a stand-in may slow it down). */
    protected MockResponse sent(MockResponse answer) {
        return answer;
    }

    private synchronized MockResponse received(RecordedRequest r) {
        Request request = new Request(
                r.getMethod(),
                r.getUrl().encodedPath(),
                r.getBody() == null ? "" : r.getBody().utf8(),
                r.getHeaders().get("Authorization"));
        requests.add(request);
        Deque<MockResponse> queue = scripted.get(request.line());
        return queue != null && !queue.isEmpty() ? queue.poll() : answer(request);
    }

    public String url() {
        String u = server.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    /** Answers the next requests to {@code METHOD /path} with these, in order, before the usual behaviour. */
    @SuppressWarnings("unchecked") // S is this stand-in's own class
    public S script(String methodAndPath, MockResponse... responses) {
        scripted.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).addAll(List.of(responses));
        return (S) this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** {@code METHOD /path} of every request, in order. */
    public List<String> requestLines() {
        return requests().stream().map(Request::line).toList();
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    /** One request as the stand-in received it. */
    public record Request(String method, String path, String body, String authorization) {

        public String line() {
            return method + " " + path;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean isGraphQlQuery() {
            return path.equals("/graphql") && !body.contains("mutation");
        }
    }
}
