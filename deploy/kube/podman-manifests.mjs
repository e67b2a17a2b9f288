// Turns the chart's rendered manifests (YAML on standard input, such as `helm template` output) into
// what `podman kube play` (podman 4.3) runs, on standard output: the Deployments (those named as
// arguments, or all) and the PersistentVolumeClaims (unless --without-claims: podman refuses to
// create a claim's volume twice), unchanged but for their environment. podman 4.3 plays neither ConfigMaps
// referenced by envFrom nor Secrets referenced by secretKeyRef from the same file, so their values
// are written into each container's env, in the order Kubernetes applies them (envFrom first, then
// env, which wins). Every other kind (Services, the autoscaler, the disruption budget, network
// policies, monitors) has no podman equivalent: each is named on standard error as not played.
// Exits 1 when a reference names a ConfigMap, Secret or key that the input does not hold.
import { stringify } from "yaml";
import { readManifests } from "./manifests.mjs";

const resources = await readManifests();

function valuesOf(resource) {
	const values = { ...(resource.stringData ?? {}) };
	for (const [key, encoded] of Object.entries(resource.data ?? {})) {
		values[key] = resource.kind === "Secret" ? Buffer.from(encoded, "base64").toString("utf8") : encoded;
	}
	return values;
}

const sources = new Map();
for (const resource of resources) {
	if (resource.kind === "ConfigMap" || resource.kind === "Secret") {
		sources.set(`${resource.kind}/${resource.metadata.name}`, valuesOf(resource));
	}
}

function lookup(kind, name, key) {
	const values = sources.get(`${kind}/${name}`);
	if (!values) {
		throw new Error(`${kind} ${name} is referenced but not rendered`);
	}
	if (key !== undefined && !(key in values)) {
		throw new Error(`${kind} ${name} has no key ${key}`);
	}
	return key === undefined ? values : values[key];
}

function resolveEnvironment(container) {
	const environment = new Map();
	for (const source of container.envFrom ?? []) {
		const values = source.configMapRef
			? lookup("ConfigMap", source.configMapRef.name)
			: lookup("Secret", source.secretRef.name);
		for (const [name, value] of Object.entries(values)) {
			environment.set(`${source.prefix ?? ""}${name}`, String(value));
		}
	}
	for (const variable of container.env ?? []) {
		const from = variable.valueFrom;
		if (from?.secretKeyRef) {
			environment.set(variable.name, lookup("Secret", from.secretKeyRef.name, from.secretKeyRef.key));
		} else if (from?.configMapKeyRef) {
			environment.set(variable.name, lookup("ConfigMap", from.configMapKeyRef.name, from.configMapKeyRef.key));
		} else if (from) {
			throw new Error(`env ${variable.name} of ${container.name}: only Secret and ConfigMap references resolve`);
		} else {
			environment.set(variable.name, String(variable.value ?? ""));
		}
	}
	delete container.envFrom;
	container.env = [...environment].map(([name, value]) => ({ name, value }));
}

const withoutClaims = process.argv.includes("--without-claims");
const wanted = process.argv.slice(2).filter((argument) => argument !== "--without-claims");
const played = [];
try {
	for (const resource of resources) {
		if (resource.kind === "Deployment") {
			if (wanted.length > 0 && !wanted.includes(resource.metadata.name)) {
				continue;
			}
			resource.spec.template.spec.containers.forEach(resolveEnvironment);
			played.push(resource);
		} else if (resource.kind === "PersistentVolumeClaim") {
			if (!withoutClaims) {
				played.push(resource);
			}
		} else if (resource.kind !== "ConfigMap" && resource.kind !== "Secret") {
			console.error(`not played under podman: ${resource.kind} ${resource.metadata.name}`);
		}
	}
} catch (error) {
	console.error(error.message);
	process.exit(1);
}
process.stdout.write(played.map((resource) => stringify(resource)).join("---\n"));
