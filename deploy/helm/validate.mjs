// Validates Kubernetes manifests (YAML on standard input, such as `helm template` output) against
// the API's OpenAPI schemas, offline: each document is checked by the kubernetes-models class of
// its apiVersion and kind (ServiceMonitor by the Prometheus operator's models), and each Deployment
// by the chart's own rules (hardenings below). Exits 1 on the first kind it has no schema for, or
// after listing every invalid document.
// Run through validate.sh, which installs the packages it imports.
import { readManifests } from "./manifests.mjs";

// Where the services write under their read-only root (the images' working directory is /app):
// the caches (TANGO_CACHE_DIR, DJL_CACHE_DIR), the artifact store (tango.artifacts.store) and the
// temporary files. Each must be a volume, or the first write fails.
const WRITABLE_PATHS = ["/tmp", "/app/.cache", "/app/data/artifacts"];

const BYTE_FACTORS = { "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

// The bytes of a Kubernetes quantity of bytes (512Mi, 2Gi, 1.5G, 1000), NaN for anything else.
function bytesOf(quantity) {
	const match = /^([0-9]+(?:\.[0-9]+)?)([A-Za-z]*)$/.exec(String(quantity ?? ""));
	return match && match[2] in BYTE_FACTORS ? Number(match[1]) * BYTE_FACTORS[match[2]] : NaN;
}

// The rules every Deployment of the chart keeps: the names of those it breaks.
function policyFailures(deployment) {
	const pod = deployment.spec.template.spec;
	const failures = [];
	const check = (condition, rule) => condition || failures.push(rule);
	check(pod.automountServiceAccountToken === false, "automountServiceAccountToken: false");
	check(pod.enableServiceLinks === false, "enableServiceLinks: false");
	check(pod.securityContext?.runAsNonRoot === true, "runAsNonRoot");
	check(pod.securityContext?.seccompProfile?.type === "RuntimeDefault", "seccompProfile RuntimeDefault");
	check(Number.isInteger(pod.terminationGracePeriodSeconds), "terminationGracePeriodSeconds");
	for (const container of pod.containers) {
		const rule = (text) => `${container.name}: ${text}`;
		const security = container.securityContext ?? {};
		check(security.readOnlyRootFilesystem === true, rule("readOnlyRootFilesystem"));
		check(security.allowPrivilegeEscalation === false, rule("allowPrivilegeEscalation: false"));
		check((security.capabilities?.drop ?? []).includes("ALL"), rule("capabilities drop ALL"));
		check(container.resources?.limits?.memory !== undefined, rule("a memory limit (the heap is a share of it)"));
		// The emptyDirs and the log count against it: without a request the scheduler places the pod on
		// a node whatever its free disk, without a limit one pod can fill the node's.
		const storageRequest = bytesOf(container.resources?.requests?.["ephemeral-storage"]);
		const storageLimit = bytesOf(container.resources?.limits?.["ephemeral-storage"]);
		check(storageRequest > 0 && storageLimit >= storageRequest,
			rule("an ephemeral-storage request and a limit at least as large"));
		check(/-XX:MaxRAMPercentage=/.test(container.env?.find((v) => v.name === "JAVA_TOOL_OPTIONS")?.value ?? ""),
			rule("JAVA_TOOL_OPTIONS with -XX:MaxRAMPercentage"));
		// Actuator on a port of its own (management.server.port), so that the public port serves no
		// /actuator/ path: the probes go there.
		const management = (container.ports ?? []).some((port) => port.name === "management");
		check(management, rule("a container port named management (Actuator's)"));
		for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
			check(container[probe]?.httpGet?.path?.startsWith("/actuator/health/"), rule(`${probe} on an Actuator group`));
			check(container[probe]?.httpGet?.port === "management", rule(`${probe} on the management port`));
		}
		check(container.lifecycle?.preStop !== undefined, rule("a preStop hook"));
		const mounts = (container.volumeMounts ?? []).map((mount) => mount.mountPath);
		for (const path of WRITABLE_PATHS) {
			check(mounts.includes(path), rule(`a volume on ${path}`));
		}
	}
	return failures;
}


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
	} catch (error) {
		failures++;
		console.error(`${name}: ${error.message}`);
		continue;
	}
	const broken = resource.kind === "Deployment" ? policyFailures(resource) : [];
	if (broken.length > 0) {
		failures++;
		console.error(`${name}: breaks the chart's rules: ${broken.join("; ")}`);
		continue;
	}
	count++;
}
console.log(`${count} valid, ${failures} invalid`);
process.exit(failures === 0 && count > 0 ? 0 : 1);
