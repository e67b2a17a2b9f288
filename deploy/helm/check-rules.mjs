// Reads rendered manifests (`helm template` output) on standard input and writes, into the
// directory given as argument, the two files promtool checks: alerts.yaml, the groups of the
// PrometheusRule, and dashboard.yaml, every PromQL expression of the dashboard ConfigMap (its
// panels' targets and its template variables' label_values selectors) as a recording rule, with
// Grafana's interval variables and the dashboard's template variables replaced by valid values.
// Exits 1 when either resource is missing. Run through check-rules.sh.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { readManifests } from "./manifests.mjs";

const GRAFANA_INTERVALS = { __rate_interval: "5m", __interval: "1m", __range: "1h" };

const resources = await readManifests();

const prometheusRule = resources.find((resource) => resource.kind === "PrometheusRule");
const dashboardMap = resources.find((resource) => resource.kind === "ConfigMap" && resource.data?.["tango.json"]);
if (!prometheusRule || !dashboardMap) {
	console.error("The manifests hold no PrometheusRule or no dashboard ConfigMap");
	process.exit(1);
}
const directory = process.argv[2];
writeFileSync(join(directory, "alerts.yaml"), stringify({ groups: prometheusRule.spec.groups }));

const dashboard = JSON.parse(dashboardMap.data["tango.json"]);
const variables = Object.fromEntries(dashboard.templating.list.map((variable) => [variable.name, ".*"]));
const values = { ...variables, ...GRAFANA_INTERVALS };

// $name, ${name}, ${name:format} and [[name]], as Grafana writes variables; unknown ones stay.
function substitute(expr) {
	return expr.replace(/\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\]|\$(\w+)/g,
		(whole, braced, bracketed, plain) => values[braced ?? bracketed ?? plain] ?? whole);
}

function* targets(panels) {
	for (const panel of panels) {
		for (const target of panel.targets ?? []) {
			if (target.expr) {
				yield { record: `tango_dashboard:panel_${panel.id}_${target.refId}`, expr: target.expr };
			}
		}
		yield* targets(panel.panels ?? []);
	}
}

const rules = [...targets(dashboard.panels)];
for (const variable of dashboard.templating.list) {
	const selector = /^label_values\((.+),\s*\w+\)$/.exec(variable.query ?? "");
	if (selector) {
		rules.push({ record: `tango_dashboard:variable_${variable.name}`, expr: selector[1] });
	}
}
const groups = [{ name: "tango-dashboard", rules: rules.map((rule) => ({ ...rule, expr: substitute(rule.expr) })) }];
writeFileSync(join(directory, "dashboard.yaml"), stringify({ groups }));
console.log(`${prometheusRule.spec.groups.flatMap((group) => group.rules).length} alerting rules, `
	+ `${rules.length} dashboard expressions`);
