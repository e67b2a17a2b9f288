package dev.tango.admin.ui.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.ModelVersion;

/**
 * Renders the models page: every model with its versions (kind, labels with their display
 * names, input limit, provenance) and the cascade versions that use each.
 */
@Controller
class ModelPagesController {

	private final ModelRegistry registry;

	ModelPagesController(ModelRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/ui/models")
	String models(Model model) {
		Map<String, List<String>> usedBy = this.registry.listCascades()
			.stream()
			.flatMap((cascade) -> this.registry.listCascadeVersions(cascade).stream())
			.flatMap((version) -> version.tiers()
				.stream()
				.map((tier) -> Map.entry(tier.model().key().toString(), reference(version))))
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		List<ModelRow> models = this.registry.listModels()
			.stream()
			.map((name) -> new ModelRow(name, this.registry.listModelVersions(name).reversed()))
			.toList();
		model.addAttribute("models", models);
		model.addAttribute("usedBy", usedBy);
		return "models";
	}

	private static String reference(CascadeVersion version) {
		return version.cascade() + " v" + version.version();
	}

	/**
	 * A model on the page.
	 *
	 * @param name its name
	 * @param versions its versions, newest first
	 */
	record ModelRow(String name, List<ModelVersion> versions) {

	}

}
