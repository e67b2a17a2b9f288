package dev.tango.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.jspecify.annotations.Nullable;

/**
 * Reads a response body into memory, up to a limit: once more arrives, it stops reading
 * (which closes the connection) and keeps the bytes before the limit, marked as
 * truncated. Receives the signals of one response, one at a time, as
 * {@link Flow.Subscriber} requires.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Body> {

	private final int limit;

	private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

	private final CompletableFuture<Body> body = new CompletableFuture<>();

	private Flow.@Nullable Subscription subscription;

	/**
	 * Makes a subscriber.
	 * @param limit the most bytes kept, positive
	 */
	BoundedBody(int limit) {
		this.limit = limit;
	}

	@Override
	public CompletionStage<Body> getBody() {
		return this.body;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		if (this.body.isDone()) {
			return;
		}
		for (ByteBuffer buffer : buffers) {
			int room = this.limit - this.kept.size();
			byte[] bytes = new byte[Math.min(buffer.remaining(), room)];
			buffer.get(bytes);
			this.kept.writeBytes(bytes);
			if (buffer.hasRemaining()) {
				Objects.requireNonNull(this.subscription, "subscription").cancel();
				this.body.complete(new Body(this.kept.toByteArray(), true));
				return;
			}
		}
	}

	@Override
	public void onError(Throwable failure) {
		this.body.completeExceptionally(failure);
	}

	@Override
	public void onComplete() {
		this.body.complete(new Body(this.kept.toByteArray(), false));
	}

	/**
	 * A body read.
	 *
	 * @param bytes its bytes, all of them or the first {@code limit}
	 * @param truncated whether more followed the bytes kept
	 */
	record Body(byte[] bytes, boolean truncated) {

	}

}
