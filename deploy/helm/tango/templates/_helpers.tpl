{{/* The release's resource name prefix, at most 63 characters with a component suffix. */}}
{{- define "tango.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of every resource; pass (dict "root" $ "component" "api"). */}}
{{- define "tango.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "tango.selectorLabels" . }}
{{- end -}}

{{/* The labels a component's pods are selected by. */}}
{{- define "tango.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
A component's image: pass (dict "root" $ "module" "tango-api"). image.registry must name a registry
host (with a dot or a port, or "localhost"): a bare "tango/tango-api" would be read by containerd
and CRI-O as docker.io/tango/tango-api, a namespace this project does not own. With
image.digests.api (or .admin) the reference is pinned to that digest: the runtime pulls by digest
and ignores the tag, so every node runs the same bytes whatever a tag points at today.
*/}}
{{- define "tango.image" -}}
{{- $registry := required "image.registry is required: localhost/ for images loaded on the nodes, or your registry such as registry.example.com/" .root.Values.image.registry -}}
{{- $host := index (splitList "/" $registry) 0 -}}
{{- if not (hasSuffix "/" $registry) -}}
{{- fail (printf "image.registry %q must end with a slash, such as registry.example.com/" $registry) -}}
{{- end -}}
{{- if not (or (contains "." $host) (contains ":" $host) (eq $host "localhost")) -}}
{{- fail (printf "image.registry %q does not start with a registry host (a name with a dot or a port, or localhost): it would be pulled from docker.io; write docker.io/%s if that is meant" $registry $registry) -}}
{{- end -}}
{{- $image := printf "%stango/%s:%s" $registry .module (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- $digest := index (.root.Values.image.digests | default dict) (trimPrefix "tango-" .module) | default "" -}}
{{- if $digest -}}
{{- if not (regexMatch "^sha256:[0-9a-f]{64}$" $digest) -}}
{{- fail (printf "image.digests.%s %q must be sha256:<64 hex digits>" (trimPrefix "tango-" .module) $digest) -}}
{{- end -}}
{{- $image = printf "%s@%s" $image $digest -}}
{{- end -}}
{{- $image -}}
{{- end -}}

{{/*
The processors a component's JVM is told it has (-XX:ActiveProcessorCount): the component's
activeProcessorCount, else its CPU request rounded up (at least 1), else nothing (the JVM counts
the node's cores, or the CPU limit's). Pass the component's values (.Values.api, .Values.admin).
*/}}
{{- define "tango.activeProcessors" -}}
{{- if .activeProcessorCount -}}
{{- $count := int .activeProcessorCount -}}
{{- if lt $count 1 -}}
{{- fail (printf "activeProcessorCount %v must be a whole number of at least 1" .activeProcessorCount) -}}
{{- end -}}
{{- $count -}}
{{- else -}}
{{- $cpu := "" -}}
{{- with .resources -}}{{- with .requests -}}{{- with .cpu -}}{{- $cpu = toString . -}}{{- end -}}{{- end -}}{{- end -}}
{{- if $cpu -}}
{{- $cores := 0.0 -}}
{{- if hasSuffix "m" $cpu -}}
{{- $cores = divf (trimSuffix "m" $cpu | float64) 1000 -}}
{{- else -}}
{{- $cores = float64 $cpu -}}
{{- end -}}
{{- max 1 (int (ceil $cores)) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
JAVA_TOOL_OPTIONS of a component: its heap share of the container's memory limit, its processor
count, then its javaOptions (last, so that they win). The images carry no -XX:MaxRAMPercentage on
their command line (a command-line flag would override this variable, which the JVM reads first);
their default, -XX:MaxRAMPercentage=50, is an image JAVA_TOOL_OPTIONS that this one replaces.
Pass the component's values.
*/}}
{{- define "tango.javaToolOptions" -}}
{{- $options := list (printf "-XX:MaxRAMPercentage=%v" (required "heapPercentage is required" .heapPercentage)) -}}
{{- with include "tango.activeProcessors" . -}}
{{- $options = append $options (printf "-XX:ActiveProcessorCount=%s" .) -}}
{{- end -}}
{{- with .javaOptions -}}
{{- $options = append $options . -}}
{{- end -}}
{{- join " " $options -}}
{{- end -}}

{{- define "tango.secretName" -}}
{{- printf "%s-secrets" (include "tango.fullname" .) -}}
{{- end -}}

{{- define "tango.headsClaim" -}}
{{- .Values.heads.existingClaim | default (printf "%s-heads" (include "tango.fullname" .)) -}}
{{- end -}}

{{/*
The pod security context of both services: the images' non-root user. The volumes get group 10001
when their root does not have it already (OnRootMismatch), not by a recursive walk at every start:
the jobs volume holds checkpoints of hundreds of megabytes, the heads volume every fitted head.
*/}}
{{- define "tango.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "tango.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/*
The database and artifact settings shared by both services; pass (dict "root" $ "poolSize" N): the
size of the service's connection pool (spring.datasource.hikari.maximum-pool-size).
*/}}
{{- define "tango.databaseEnv" -}}
{{- $values := .root.Values -}}
- name: SPRING_DATASOURCE_URL
  value: {{ $values.database.url | quote }}
- name: SPRING_DATASOURCE_USERNAME
  value: {{ $values.database.username | quote }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $values.database.existingSecret | default (include "tango.secretName" .root) }}
      key: database-password
- name: SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE
  value: {{ .poolSize | quote }}
- name: TANGO_ARTIFACTS_ALLOWED_ROOTS
  value: {{ $values.heads.path | quote }}
{{- with $values.artifacts.allowedHosts }}
- name: TANGO_ARTIFACTS_ALLOWED_HOSTS
  value: {{ join "," . | quote }}
{{- end }}
{{- end -}}

{{/*
Fails when the services could open more PostgreSQL connections than database.connectionLimit:
every pod holds its pool and one LISTEN connection, and a rolling update adds one pod of each.
*/}}
{{- define "tango.checkConnections" -}}
{{- $values := .Values -}}
{{- $limit := int $values.database.connectionLimit -}}
{{- if lt (int $values.api.databasePoolSize) 3 -}}
{{- fail (printf "api.databasePoolSize %v is below 3: tango-api writes feedback, serving reports and drift reports through its pool beside the registry's reads" $values.api.databasePoolSize) -}}
{{- end -}}
{{- if gt $limit 0 -}}
{{- $apiPods := int $values.api.replicas -}}
{{- if $values.api.autoscaling.enabled -}}{{- $apiPods = int $values.api.autoscaling.maxReplicas -}}{{- end -}}
{{- $apiPods = add $apiPods 1 -}}
{{- $api := mul $apiPods (add (int $values.api.databasePoolSize) 1) -}}
{{- $admin := 0 -}}
{{- if $values.admin.enabled -}}
{{- $admin = mul (add (int $values.admin.replicas) 1) (add (int $values.admin.databasePoolSize) 1) -}}
{{- end -}}
{{- if gt (add $api $admin) $limit -}}
{{- fail (printf "tango-api (%d pods at most, with the rolling update's extra one) and tango-admin could open %d + %d = %d PostgreSQL connections, over database.connectionLimit %d: lower api.autoscaling.maxReplicas or api.databasePoolSize, or raise PostgreSQL's max_connections and database.connectionLimit (docs/DEPLOY.md, \"Database connections\")" $apiPods $api $admin (add $api $admin) $limit) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The bytes of a Kubernetes quantity (512Mi, 2Gi, 1.5G, 1000), as a float: binary suffixes Ki to
Ti, decimal ones k to T, or none. Fails on anything else.
*/}}
{{- define "tango.bytes" -}}
{{- $quantity := toString . -}}
{{- $number := regexFind "^[0-9]+([.][0-9]+)?" $quantity -}}
{{- $factors := dict "" 1 "k" 1000 "M" 1000000 "G" 1000000000 "T" 1000000000000 "Ki" 1024 "Mi" 1048576 "Gi" 1073741824 "Ti" 1099511627776 -}}
{{- $suffix := trimPrefix $number $quantity -}}
{{- if or (not $number) (not (hasKey $factors $suffix)) -}}
{{- fail (printf "%q is not a quantity of bytes, such as 512Mi or 2Gi" $quantity) -}}
{{- end -}}
{{- mulf (float64 $number) (index $factors $suffix) -}}
{{- end -}}

{{/*
The admin container's resources: admin.resources, with the jobs volume's size added to the
ephemeral-storage limit when that volume is an emptyDir (admin.jobsVolume.persistent false), whose
files count against the pod's limit, the sum of its containers' limits.
*/}}
{{- define "tango.adminResources" -}}
{{- $resources := deepCopy .Values.admin.resources -}}
{{- $jobs := .Values.admin.jobsVolume -}}
{{- $limit := "" -}}
{{- with $resources.limits -}}{{- $limit = index . "ephemeral-storage" | default "" -}}{{- end -}}
{{- if and (not $jobs.persistent) $limit -}}
{{- $bytes := addf (include "tango.bytes" $limit | float64) (include "tango.bytes" $jobs.size | float64) -}}
{{- $_ := set $resources.limits "ephemeral-storage" (printf "%dMi" (int64 (ceil (divf $bytes 1048576)))) -}}
{{- end -}}
{{- toYaml $resources -}}
{{- end -}}

{{- define "tango.jobsClaim" -}}
{{- .Values.admin.jobsVolume.existingClaim | default (printf "%s-admin-jobs" (include "tango.fullname" .)) -}}
{{- end -}}

{{/*
Writable places of a read-only root: the caches (/app/.cache: TANGO_CACHE_DIR, DJL_CACHE_DIR), the
artifact store (tango.artifacts.store, data/artifacts under the working directory /app), the
temporary files (ONNX Runtime's native library, Tomcat's uploads), and for tango-admin (pass (dict
"root" $ "admin" true)) the heads volume it writes fitted heads to and the jobs volume of training
checkpoints and bulk results. tango-api only reads the heads (it copies what it loads into its
artifact store): read-only there.
*/}}
{{- define "tango.volumeMounts" -}}
{{- $values := .root.Values -}}
- name: heads
  mountPath: {{ $values.heads.path }}
  {{- if not .admin }}
  readOnly: true
  {{- end }}
- name: cache
  mountPath: /app/.cache
- name: data
  mountPath: /app/data/artifacts
- name: tmp
  mountPath: /tmp
{{- if .admin }}
- name: jobs
  mountPath: {{ $values.admin.jobsVolume.path }}
{{- end }}
{{- range $values.remoteTiers.tlsBundles }}
- name: tls-{{ .name }}
  mountPath: /etc/tango/tls/{{ .name }}
  readOnly: true
{{- end }}
{{- end -}}

{{- define "tango.volumes" -}}
{{- $values := .root.Values -}}
- name: heads
  persistentVolumeClaim:
    claimName: {{ include "tango.headsClaim" .root }}
- name: cache
  emptyDir: {}
- name: data
  emptyDir: {}
- name: tmp
  emptyDir: {}
{{- if .admin }}
- name: jobs
  {{- if $values.admin.jobsVolume.persistent }}
  persistentVolumeClaim:
    claimName: {{ include "tango.jobsClaim" .root }}
  {{- else }}
  # Lost with the pod: training checkpoints and bulk results do not survive a restart. Counted
  # against the pod's ephemeral-storage limit, to which the chart adds this size.
  emptyDir:
    sizeLimit: {{ $values.admin.jobsVolume.size }}
  {{- end }}
{{- end }}
{{- range $values.remoteTiers.tlsBundles }}
- name: tls-{{ .name }}
  secret:
    secretName: {{ .secret }}
{{- end }}
{{- end -}}

{{/*
Believing the proxies' X-Forwarded-For and X-Forwarded-Proto (forwardedHeaders.trustedProxies),
in both services.
*/}}
{{- define "tango.forwardedHeadersEnv" -}}
{{- with .Values.forwardedHeaders.trustedProxies }}
{{- $policy := $.Values.networkPolicy }}
{{- if not (and $policy.enabled $policy.apiClients $policy.adminClients) }}
{{- fail "forwardedHeaders.trustedProxies: trusting forwarded client addresses needs networkPolicy.enabled with apiClients and adminClients restricted to the proxy, or any pod that matches the expression could name any client" }}
{{- end }}
- name: SERVER_FORWARD_HEADERS_STRATEGY
  value: native
- name: SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES
  value: {{ . | quote }}
{{- end }}
{{- end }}

{{/*
Settings of remote tiers, the same in both services: the internal hosts, whether TLS is required,
the tokens tiers may send (each with its hosts, its value from a Secret), and one Spring Boot SSL
bundle per entry of remoteTiers.tlsBundles, from its mounted Secret.
*/}}
{{- define "tango.remoteTierEnv" -}}
{{- with .Values.remoteTiers.internalHosts }}
- name: TANGO_RUNTIME_REMOTE_INTERNAL_HOSTS
  value: {{ join "," . | quote }}
{{- end }}
- name: TANGO_RUNTIME_REMOTE_REQUIRE_TLS
  value: {{ .Values.remoteTiers.requireTls | quote }}
{{- $secretNames := list }}
{{- range $index, $secret := .Values.remoteTiers.secrets }}
{{- if not (regexMatch "^[A-Z_][A-Z0-9_]*$" $secret.name) }}
{{- fail (printf "remoteTiers.secrets: name %q must be an environment variable name (A-Z, 0-9, _)" $secret.name) }}
{{- end }}
{{- if or (hasPrefix "SPRING_" $secret.name) (hasPrefix "TANGO_" $secret.name) (hasPrefix "JAVA_" $secret.name) }}
{{- fail (printf "remoteTiers.secrets: name %q would set one of the services' own settings" $secret.name) }}
{{- end }}
{{- if has $secret.name $secretNames }}
{{- fail (printf "remoteTiers.secrets: %s is declared twice; list all its hosts in one entry" $secret.name) }}
{{- end }}
{{- $secretNames = append $secretNames $secret.name }}
{{- if not $secret.hosts }}
{{- fail (printf "remoteTiers.secrets: %s lists no hosts it may be sent to" $secret.name) }}
{{- end }}
- name: TANGO_RUNTIME_REMOTE_SECRETS_{{ $index }}_NAME
  value: {{ $secret.name | quote }}
- name: TANGO_RUNTIME_REMOTE_SECRETS_{{ $index }}_HOSTS
  value: {{ join "," $secret.hosts | quote }}
- name: {{ $secret.name }}
  valueFrom:
    secretKeyRef:
      name: {{ required "remoteTiers.secrets: each entry needs the secret that holds it" $secret.secret }}
      key: {{ $secret.key | default "token" }}
{{- end }}
{{- range .Values.remoteTiers.tlsBundles }}
{{- if not (regexMatch "^[a-z0-9]+$" .name) }}
{{- fail (printf "remoteTiers.tlsBundles: name %q must be lower-case letters and digits" .name) }}
{{- end }}
{{- $dir := printf "file:/etc/tango/tls/%s/" .name }}
{{- if eq (.format | default "pem") "pem" }}
{{- $prefix := printf "SPRING_SSL_BUNDLE_PEM_%s_" (upper .name) }}
- name: {{ $prefix }}TRUSTSTORE_CERTIFICATE
  value: {{ print $dir (.caKey | default "ca.crt") | quote }}
{{- $cert := ternary "tls.crt" .certKey (not (hasKey . "certKey")) }}
{{- $key := ternary "tls.key" .privateKeyKey (not (hasKey . "privateKeyKey")) }}
{{- if and $cert $key }}
- name: {{ $prefix }}KEYSTORE_CERTIFICATE
  value: {{ print $dir $cert | quote }}
- name: {{ $prefix }}KEYSTORE_PRIVATE_KEY
  value: {{ print $dir $key | quote }}
{{- end }}
{{- else if eq .format "pkcs12" }}
{{- $prefix := printf "SPRING_SSL_BUNDLE_JKS_%s_" (upper .name) }}
{{- $bundle := . }}
{{- range $store, $file := dict "TRUSTSTORE" .truststoreKey "KEYSTORE" .keystoreKey }}
{{- if $file }}
- name: {{ $prefix }}{{ $store }}_LOCATION
  value: {{ print $dir $file | quote }}
- name: {{ $prefix }}{{ $store }}_TYPE
  value: PKCS12
- name: {{ $prefix }}{{ $store }}_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $bundle.secret }}
      key: {{ $bundle.passwordKey | default "password" }}
{{- end }}
{{- end }}
{{- else }}
{{- fail (printf "remoteTiers.tlsBundles: format %q of %q must be pem or pkcs12" .format .name) }}
{{- end }}
{{- end }}
{{- end -}}
