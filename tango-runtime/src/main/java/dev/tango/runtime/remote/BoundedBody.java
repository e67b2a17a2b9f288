package dev.tango.runtime.remote;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read whole, up to a number of bytes: past it the exchange is cancelled
 * and the body fails with {@link TooLargeException}, so that a remote server cannot make
 * a tier hold an answer of any size. One per response.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

	private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();

	private final CompletableFuture<byte[]> result = new CompletableFuture<>();

	private final long limit;

	private long received;

	private Flow.Subscription subscription;

	/**
	 * Creates a body.
	 * @param limit the most bytes it takes
	 */
	BoundedBody(long limit) {
		this.limit = limit;
		this.bytes.getBody().whenComplete((body, failure) -> {
			if (failure != null) {
				this.result.completeExceptionally(failure);
			}
			else {
				this.result.complete(body);
			}
		});
	}

	/**
	 * Returns a handler of bodies of at most a number of bytes.
	 * @param limit the most bytes a body may have
	 * @return the handler
	 */
	static HttpResponse.BodyHandler<byte[]> handler(long limit) {
		return (info) -> new BoundedBody(limit);
	}

	@Override
	public CompletionStage<byte[]> getBody() {
		return this.result;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		this.bytes.onSubscribe(subscription);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		if (this.result.isDone()) {
			return;
		}
		for (ByteBuffer buffer : buffers) {
			this.received += buffer.remaining();
		}
		if (this.received > this.limit) {
			this.subscription.cancel();
			this.result.completeExceptionally(new TooLargeException(this.limit));
			return;
		}
		this.bytes.onNext(buffers);
	}

	@Override
	public void onError(Throwable failure) {
		this.bytes.onError(failure);
	}

	@Override
	public void onComplete() {
		this.bytes.onComplete();
	}

	/** A body longer than its limit. */
	static final class TooLargeException extends IOException {

		private static final long serialVersionUID = 1L;

		TooLargeException(long limit) {
			super("the answer is longer than " + limit + " bytes");
		}

	}

}
