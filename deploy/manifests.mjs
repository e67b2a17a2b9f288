// Reads Kubernetes manifests, YAML documents such as `helm template` output, from standard input.
// Shared by the deploy scripts' node programs (validate.mjs, check-rules.mjs, podman-manifests.mjs);
// each script copies it beside its program, where the yaml package is installed.
import { parseAllDocuments } from "yaml";

// Resolves to the non-empty documents of standard input, as plain objects, in input order.
export async function readManifests() {
	const input = await new Promise((resolve) => {
		let text = "";
		process.stdin.setEncoding("utf8");
		process.stdin.on("data", (chunk) => (text += chunk));
		process.stdin.on("end", () => resolve(text));
	});
	return parseAllDocuments(input)
		.map((document) => document.toJS())
		.filter(Boolean);
}
