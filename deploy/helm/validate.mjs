// Validates Kubernetes manifests (YAML on standard input, such as `helm template` output) against
// the API's OpenAPI schemas, offline: each document is checked by the kubernetes-models class of
// its apiVersion and kind (ServiceMonitor by the Prometheus operator's models). Exits 1 on the
// first kind it has no schema for, or after listing every invalid document.
// Run through validate.sh, which installs the packages it imports.
import { readManifests } from "./manifests.mjs";


async function modelOf(apiVersion, kind) {
	const group = apiVersion.includes("/") ? apiVersion : `v1`;
	const modulePath = apiVersion.startsWith("monitoring.coreos.com/")
		? `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`
		: `kubernetes-models/${group}/${kind}`;
	const module = await import(modulePath);
	return module[kind];
}

let failures = 0;
let count = 0;
for (const resource of await readManifests()) {
	const name = `${resource.kind} ${resource.metadata?.name}`;
	let Model;
	try {
		Model = await modelOf(resource.apiVersion, resource.kind);
	} catch (error) {
		console.error(`${name}: no schema for ${resource.apiVersion} ${resource.kind}`);
		process.exit(1);
	}
	try {
		new Model(resource).validate();
		count++;
	} catch (error) {
		failures++;
		console.error(`${name}: ${error.message}`);
	}
}
console.log(`${count} valid, ${failures} invalid`);
process.exit(failures === 0 && count > 0 ? 0 : 1);
