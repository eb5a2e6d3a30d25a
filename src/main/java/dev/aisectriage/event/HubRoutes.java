package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.huggingface.HubEvents;
import dev.aisectriage.huggingface.HubGateway;
import dev.aisectriage.huggingface.HubWebhookPayload;
import dev.aisectriage.store.HubDiscussions;
import java.util.function.Consumer;

/** Every Hugging Face Hub event the bot acts on, in one table (added to the same routing table as GitHub's). */
public final class HubRoutes {

    /** Hub deliveries are bound to the Hugging Face records ({@code huggingface/}). */
    private static final PayloadType<HubWebhookPayload> HUB = delivery -> HubWebhookPayload.of(delivery.payload());

    private final HubDiscussions discussions;
    private final HubGateway gateway;
    private final Classifier classifier;
    private final CommentRenderer renderer;
    private Consumer<Prediction> onPrediction = p -> {};

    /** @param renderer the Hub-flavoured renderer ({@code HubCommentRenderer}) */
    public HubRoutes(HubDiscussions discussions, HubGateway gateway, Classifier classifier, CommentRenderer renderer) {
        this.discussions = discussions;
        this.gateway = gateway;
        this.classifier = classifier;
        this.renderer = renderer;
    }

    /** Called with every prediction made for a Hub discussion (for the metrics). */
    public HubRoutes onPrediction(Consumer<Prediction> listener) {
        this.onPrediction = listener;
        return this;
    }

    public EventRoutes registerOn(EventRoutes routes) {
        TriageHubDiscussion triage = new TriageHubDiscussion(classifier, renderer, gateway, discussions, onPrediction);
        return routes.on(HubEvents.DISCUSSION + ".create", HUB, triage)
                .on(HubEvents.DISCUSSION + ".update", HUB, triage)
                .on(HubEvents.DISCUSSION_COMMENT + ".create", HUB, triage)
                .on(HubEvents.DISCUSSION_COMMENT + ".update", HUB, triage);
    }
}
