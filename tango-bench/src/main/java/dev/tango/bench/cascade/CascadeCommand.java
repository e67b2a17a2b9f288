package dev.tango.bench.cascade;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.tango.bench.cascade.DescriptorBuilder.HeadTier;
import dev.tango.bench.report.TextFiles;
import dev.tango.runtime.cascade.CascadeDescriptor;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code cascade}: writes a cascade descriptor for head files, cheapest first, with
 * thresholds of 1 until {@code calibrate} chooses them.
 */
@Command(name = "cascade", mixinStandardHelpOptions = true,
		description = "Writes a cascade descriptor for head files, cheapest first (thresholds 1 until calibrated).")
public final class CascadeCommand implements Callable<Integer> {

	@Option(names = "--name", required = true, description = "the cascade's name")
	String name;

	@Option(names = "--head", required = true, description = "a head file; repeat, cheapest tier first")
	List<Path> heads;

	@Option(names = "--out", required = true, description = "the descriptor file to write")
	Path out;

	@Option(names = "--batch-size", defaultValue = "32",
			description = "every tier's batch size (default ${DEFAULT-VALUE})")
	int batchSize;

	@Option(names = "--description", description = "the cascade's description")
	@Nullable String description;

	@Option(names = "--display-name", paramLabel = "LABEL=NAME",
			description = "the name answers show for a label, such as 0=negative; repeat for each label named")
	Map<String, String> displayNames = new LinkedHashMap<>();

	@Override
	public Integer call() throws Exception {
		TextFiles.requireNotAnInput("--out", this.out, this.heads.toArray(Path[]::new));
		List<HeadTier> tiers = new ArrayList<>();
		Set<Path> seen = new HashSet<>();
		for (Path head : this.heads) {
			if (Files.exists(head) && !seen.add(head.toRealPath())) {
				throw new IllegalArgumentException("--head " + head
						+ " is given twice: a later tier on the same head answers as the earlier one does");
			}
			HeadTier tier = HeadTier.read(head);
			List<String> first = tiers.isEmpty() ? tier.head().head().labels() : tiers.get(0).head().head().labels();
			if (!tier.head().head().labels().equals(first)) {
				throw new IllegalArgumentException("Every tier needs the same labels: " + head + " has "
						+ tier.head().head().labels() + ", " + this.heads.get(0) + " has " + first);
			}
			tiers.add(tier);
		}
		Path folder = this.out.toAbsolutePath().getParent();
		ObjectNode descriptor = DescriptorBuilder.build(this.name, this.description, tiers, folder, this.batchSize,
				this.displayNames);
		// What the runtime would refuse when it loads the descriptor is refused now.
		CascadeDescriptor.parse(new ByteArrayInputStream(Json.bytes(descriptor)),
				"the descriptor it would write to " + this.out);
		Json.write(descriptor, this.out);
		System.out.printf("Wrote %s: cascade %s of %d %s%n", this.out, this.name, tiers.size(),
				(tiers.size() == 1) ? "tier" : "tiers");
		return 0;
	}

}
