package dev.tango.runtime.onnx;

import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import dev.tango.core.tier.TierException;
import dev.tango.runtime.text.TokenBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX model of a BERT-style transformer, run through DJL's ONNX Runtime engine:
 * feeds a {@link TokenBatch} as the inputs the model declares (among {@code input_ids},
 * {@code attention_mask}, {@code token_type_ids}) and returns one named float output.
 *
 * <p>
 * Thread-safety: one ONNX Runtime session (which is thread-safe) is shared by a bounded
 * pool of DJL predictors, {@link OrtOptions#concurrency()} of them, because a DJL
 * {@link Predictor} is not thread-safe. A call takes a predictor from the pool, waiting
 * while all are in use, and returns it when done. {@link #close()} must not overlap a
 * call.
 */
public final class OnnxRunner implements AutoCloseable {

	/** The input of token ids. */
	public static final String INPUT_IDS = "input_ids";

	/** The input of attention masks. */
	public static final String ATTENTION_MASK = "attention_mask";

	/** The input of token type (segment) ids. */
	public static final String TOKEN_TYPE_IDS = "token_type_ids";

	private static final Set<String> KNOWN_INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

	private static final Logger logger = LoggerFactory.getLogger(OnnxRunner.class);

	private final String name;

	private final Model model;

	private final SessionOptions sessionOptions;

	private final String outputName;

	private final BlockingQueue<Predictor<TokenBatch, FloatTensor>> pool;

	private final List<Predictor<TokenBatch, FloatTensor>> predictors;

	private final AtomicBoolean closed = new AtomicBoolean();

	private OnnxRunner(String name, Model model, SessionOptions sessionOptions, List<String> inputNames,
			String outputName, int concurrency) {
		this.name = name;
		this.model = model;
		this.sessionOptions = sessionOptions;
		this.outputName = outputName;
		this.pool = new ArrayBlockingQueue<>(concurrency);
		List<Predictor<TokenBatch, FloatTensor>> all = new ArrayList<>(concurrency);
		Translator translator = new Translator(List.copyOf(inputNames), outputName);
		for (int i = 0; i < concurrency; i++) {
			Predictor<TokenBatch, FloatTensor> predictor = model.newPredictor(translator);
			all.add(predictor);
			this.pool.add(predictor);
		}
		this.predictors = List.copyOf(all);
	}

	/**
	 * Loads a model and checks its inputs: each must be one of {@code input_ids},
	 * {@code attention_mask}, {@code token_type_ids}, and all of {@code requiredInputs}
	 * must be there. A first inference on a one-token input checks that the output
	 * exists. Before any session is created, the model passes {@link OnnxModelCheck}: a
	 * model whose external data is not a declared, verified file of its own folder is
	 * refused with an {@link UnsafeModelException}. With
	 * {@link ActivationQuantization#PER_TOKEN}, a dynamically quantised model's session
	 * is created from its per-token rewrite ({@link SessionFile}).
	 * @param name a name for messages and logs
	 * @param model the {@code .onnx} file and its declared external-data files
	 * @param options the ONNX Runtime settings
	 * @param requiredInputs the inputs the model must declare
	 * @param outputName the output to return
	 * @return the runner, to be closed by the caller
	 * @throws IOException if the model cannot be loaded or does not fit
	 */
	public static OnnxRunner open(String name, OnnxModelFile model, OrtOptions options, Set<String> requiredInputs,
			String outputName) throws IOException {
		Path modelFile = model.file();
		try {
			OnnxModelCheck.check(model);
		}
		catch (UnsafeModelException ex) {
			throw new UnsafeModelException("Cannot load ONNX model " + name + " from " + modelFile, ex);
		}
		DjlEnvironment.ensureOffline();
		SessionOptions sessionOptions = sessionOptions(options);
		Model djlModel = Model.newInstance(name, Device.cpu(), "OnnxRuntime");
		OnnxRunner runner = null;
		try {
			try (SessionFile file = SessionFile.of(model, options.activationQuantization())) {
				djlModel.load(file.path(), null, Map.of("sessionOptions", sessionOptions));
			}
			List<String> inputs = djlModel.describeInput().keys();
			checkInputs(name, inputs, requiredInputs);
			runner = new OnnxRunner(name, djlModel, sessionOptions, inputs, outputName, options.concurrency());
			runner.warmUp();
			logger.debug("Loaded {} from {}: inputs {}, output {}, {}", name, modelFile, inputs, outputName, options);
			return runner;
		}
		catch (MalformedModelException | RuntimeException ex) {
			closeQuietly(runner, djlModel, sessionOptions);
			throw new IOException("Cannot load ONNX model " + name + " from " + modelFile + ": " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			closeQuietly(runner, djlModel, sessionOptions);
			throw ex;
		}
	}

	private static void closeQuietly(OnnxRunner runner, Model model, SessionOptions sessionOptions) {
		if (runner != null) {
			runner.close();
		}
		else {
			model.close();
			sessionOptions.close();
		}
	}

	private static SessionOptions sessionOptions(OrtOptions options) throws IOException {
		SessionOptions so = new SessionOptions();
		try {
			so.setIntraOpNumThreads(options.intraOpThreads());
			so.setInterOpNumThreads(options.interOpThreads());
			so.setExecutionMode(ExecutionMode.SEQUENTIAL);
			so.setOptimizationLevel(options.optimization().level());
			so.setCPUArenaAllocator(options.memoryArena());
			// ONNX, whatever the file's name: ONNX Runtime would read a file named *.ort
			// as its own format, which OnnxModelCheck never checked.
			so.addConfigEntry("session.load_model_format", "ONNX");
			return so;
		}
		catch (OrtException ex) {
			so.close();
			throw new IOException("Invalid ONNX Runtime options " + options + ": " + ex.getMessage(), ex);
		}
	}

	private static void checkInputs(String name, List<String> inputs, Set<String> required) throws IOException {
		for (String input : inputs) {
			if (!KNOWN_INPUTS.contains(input)) {
				throw new IOException("Model " + name + " declares input '" + input + "'; expected only " + KNOWN_INPUTS
						+ " (it has " + inputs + ")");
			}
		}
		for (String input : required) {
			if (!inputs.contains(input)) {
				throw new IOException(
						"Model " + name + " lacks input '" + input + "': it has " + inputs + ", expected " + required);
			}
		}
	}

	private void warmUp() throws IOException {
		TokenBatch one = new TokenBatch(1, 1, new long[1], new long[] { 1 }, new long[1], new int[] { 1 },
				new boolean[1]);
		try {
			run(one);
		}
		catch (TierException ex) {
			throw new IOException(ex.getMessage(), ex.getCause());
		}
	}

	/**
	 * Runs the model on a batch.
	 * @param batch the batch
	 * @return the output named at {@link #open open}
	 * @throws TierException if the model fails or the calling thread is interrupted while
	 * waiting for a predictor
	 */
	public FloatTensor run(TokenBatch batch) {
		if (this.closed.get()) {
			throw new TierException("Model " + this.name + " is closed");
		}
		Predictor<TokenBatch, FloatTensor> predictor;
		try {
			predictor = this.pool.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TierException("Interrupted while waiting to run " + this.name, ex);
		}
		try {
			return predictor.predict(batch);
		}
		catch (TranslateException | RuntimeException ex) {
			throw new TierException("Model " + this.name + " failed on a batch of " + batch.size() + " x "
					+ batch.sequenceLength() + " tokens: " + ex.getMessage(), ex);
		}
		finally {
			this.pool.add(predictor);
		}
	}

	/**
	 * Releases the predictors, the session and its options. Idempotent.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.predictors.forEach(Predictor::close);
			this.model.close();
			this.sessionOptions.close();
		}
	}

	/**
	 * Turns a token batch into the model's input tensors and picks the output. The batch
	 * dimension is the batch's, so DJL's batchifier is not used.
	 */
	private static final class Translator implements NoBatchifyTranslator<TokenBatch, FloatTensor> {

		private final List<String> inputNames;

		private final String outputName;

		Translator(List<String> inputNames, String outputName) {
			this.inputNames = inputNames;
			this.outputName = outputName;
		}

		@Override
		public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
			NDManager manager = ctx.getNDManager();
			Shape shape = new Shape(batch.size(), batch.sequenceLength());
			NDList list = new NDList(this.inputNames.size());
			for (String input : this.inputNames) {
				long[] data = switch (input) {
					case INPUT_IDS -> batch.inputIds();
					case ATTENTION_MASK -> batch.attentionMask();
					case TOKEN_TYPE_IDS -> batch.typeIds();
					default -> throw new IllegalStateException("Unexpected input " + input);
				};
				NDArray array = manager.create(LongBuffer.wrap(data), shape, DataType.INT64);
				array.setName(input);
				list.add(array);
			}
			return list;
		}

		@Override
		public FloatTensor processOutput(TranslatorContext ctx, NDList list) {
			NDArray output = list.get(this.outputName);
			if (output == null) {
				List<String> names = new ArrayList<>();
				list.forEach((array) -> names.add(array.getName()));
				throw new IllegalStateException("Model has no output '" + this.outputName + "', only " + names);
			}
			if (output.getDataType() != DataType.FLOAT32) {
				throw new IllegalStateException(
						"Output '" + this.outputName + "' is " + output.getDataType() + ", expected float32");
			}
			return new FloatTensor(output.toFloatArray(), output.getShape().getShape());
		}

	}

}
