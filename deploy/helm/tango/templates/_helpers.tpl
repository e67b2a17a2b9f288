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

{{/* A component's image: pass (dict "root" $ "module" "tango-api"). */}}
{{- define "tango.image" -}}
{{- printf "%stango/%s:%s" .root.Values.image.registry .module (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{- define "tango.secretName" -}}
{{- printf "%s-secrets" (include "tango.fullname" .) -}}
{{- end -}}

{{- define "tango.headsClaim" -}}
{{- .Values.heads.existingClaim | default (printf "%s-heads" (include "tango.fullname" .)) -}}
{{- end -}}

{{/* The pod security context of both services: the images' non-root user. */}}
{{- define "tango.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "tango.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/* The database settings shared by both services. */}}
{{- define "tango.databaseEnv" -}}
- name: SPRING_DATASOURCE_URL
  value: {{ .Values.database.url | quote }}
- name: SPRING_DATASOURCE_USERNAME
  value: {{ .Values.database.username | quote }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret | default (include "tango.secretName" .) }}
      key: database-password
- name: TANGO_ARTIFACTS_ALLOWED_ROOTS
  value: {{ .Values.heads.path | quote }}
{{- end -}}

{{/* Writable places of a read-only root: the heads volume, the caches, the temporary files. */}}
{{- define "tango.volumeMounts" -}}
- name: heads
  mountPath: {{ .Values.heads.path }}
- name: cache
  mountPath: /app/.cache
- name: data
  mountPath: /app/data/artifacts
- name: tmp
  mountPath: /tmp
{{- range .Values.remoteTiers.tlsBundles }}
- name: tls-{{ .name }}
  mountPath: /etc/tango/tls/{{ .name }}
  readOnly: true
{{- end }}
{{- end -}}

{{- define "tango.volumes" -}}
- name: heads
  persistentVolumeClaim:
    claimName: {{ include "tango.headsClaim" . }}
- name: cache
  emptyDir: {}
- name: data
  emptyDir: {}
- name: tmp
  emptyDir: {}
{{- range .Values.remoteTiers.tlsBundles }}
- name: tls-{{ .name }}
  secret:
    secretName: {{ .secret }}
{{- end }}
{{- end -}}

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
