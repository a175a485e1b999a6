{{/* The release's name prefix: "cbdf" for a release named cbdf, else "<release>-cbdf". */}}
{{- define "cbdf.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of one service's objects; args: dict "root" $ "name" "transfer" */}}
{{- define "cbdf.componentName" -}}
{{- printf "%s-%s" (include "cbdf.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cbdf.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "cbdf.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{ include "cbdf.selectorLabels" . }}
app.kubernetes.io/part-of: cbdf
app.kubernetes.io/version: {{ .root.Values.image.tag | default .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{- define "cbdf.chartLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: cbdf
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/*
One service's settings: `default:` overlaid by the service's own entry, as YAML (use with fromYaml).
Helm's merge cannot turn a default `true` into `false`, so explicit `enabled` flags are copied last.
args: dict "root" $ "name" "transfer" "values" .Values.services.transfer
*/}}
{{- define "cbdf.service" -}}
{{- $own := deepCopy .values -}}
{{- $merged := mustMergeOverwrite (deepCopy .root.Values.default) $own -}}
{{- range $key := list "autoscaling" "podDisruptionBudget" -}}
{{- $section := get $own $key -}}
{{- if and (kindIs "map" $section) (hasKey $section "enabled") -}}
{{- $_ := set (get $merged $key) "enabled" (get $section "enabled") -}}
{{- end -}}
{{- end -}}
{{- toYaml $merged -}}
{{- end -}}

{{/* The image of one service; args: dict "root" $ "name" "transfer" "svc" <merged settings> */}}
{{- define "cbdf.image" -}}
{{- $image := .root.Values.image -}}
{{- $repository := printf "%s%s" $image.repositoryPrefix (.svc.imageName | default (printf "%s-service" .name)) -}}
{{- if $image.registry -}}
{{- $repository = printf "%s/%s" (trimSuffix "/" $image.registry) $repository -}}
{{- end -}}
{{- printf "%s:%s" $repository ($image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{/* The non-secret environment of one service (its ConfigMap's data); same args as cbdf.image */}}
{{- define "cbdf.config" -}}
{{- $root := .root -}}
SERVER_PORT: {{ .svc.port | quote }}
{{- if eq (int .svc.port) (int .svc.managementPort) }}
{{- fail (printf "services.%s.managementPort must differ from its port %v: the API port serves no metric" .name .svc.port) }}
{{- end }}
MANAGEMENT_PORT: {{ required (printf "services.%s.managementPort is required" .name) .svc.managementPort | quote }}
# the management port on the pod's network: in a cluster only networkPolicy.metricsFrom may reach it
MANAGEMENT_ADDRESS: "0.0.0.0"
{{- if .svc.kafka }}
KAFKA_BOOTSTRAP_SERVERS: {{ required "kafka.bootstrapServers is required" $root.Values.kafka.bootstrapServers | quote }}
# the service logs in as its own Keycloak client; its secret (KAFKA_CLIENT_SECRET) comes from its Secret, not from here
KAFKA_SECURITY_PROTOCOL: {{ $root.Values.kafka.securityProtocol | quote }}
KAFKA_TOKEN_ENDPOINT: {{ include "cbdf.kafkaTokenEndpoint" $root | quote }}
{{- with .svc.kafkaClient.clientId }}
KAFKA_CLIENT_ID: {{ . | quote }}
{{- end }}
{{- with (include "cbdf.kafkaTruststoreFile" $root) }}
SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_TRUSTSTORE_LOCATION: {{ . | quote }}
SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_TRUSTSTORE_TYPE: {{ $root.Values.kafka.truststore.type | quote }}
{{- end }}
{{- end }}
{{- if .svc.database.enabled }}
{{- $pg := $root.Values.postgresql }}
DB_URL: {{ printf "jdbc:postgresql://%s:%v/%s%s" (required "postgresql.host is required" $pg.host) $pg.port (.svc.database.name | default .name) (ternary (printf "?%s" $pg.parameters) "" (ne $pg.parameters "")) | quote }}
{{- end }}
OIDC_ISSUER_URI: {{ required "keycloak.issuerUri is required" $root.Values.keycloak.issuerUri | quote }}
OIDC_AUDIENCE: {{ $root.Values.keycloak.audience | quote }}
{{- with $root.Values.keycloak.jwkSetUri }}
CBDF_SECURITY_JWKSETURI: {{ . | quote }}
{{- end }}
{{- if eq .name "portal" }}
{{- with $root.Values.keycloak.backchannelUri }}
OIDC_BACKCHANNEL_URI: {{ . | quote }}
{{- end }}
{{- range $other, $values := $root.Values.services }}
{{- if and $values.enabled (ne $other "portal") }}
{{ upper $other }}_SERVICE_URL: {{ printf "http://%s:%v" (include "cbdf.componentName" (dict "root" $root "name" $other)) $values.port | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- with $root.Values.tracing }}
{{- with .otlpEndpoint }}
MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT: {{ . | quote }}
{{- end }}
MANAGEMENT_TRACING_SAMPLING_PROBABILITY: {{ .samplingProbability | toString | quote }}
{{- end }}
{{- if .svc.kafka }}
# Kafka 4 calls only a token endpoint allow-listed for the JVM
JAVA_TOOL_OPTIONS: {{ printf "%s -D%s=%s" .svc.javaToolOptions (include "cbdf.kafkaAllowedUrlsProperty" .) (include "cbdf.kafkaTokenEndpoint" $root) | trim | quote }}
{{- else }}
JAVA_TOOL_OPTIONS: {{ .svc.javaToolOptions | quote }}
{{- end }}
{{- range $variable, $value := .svc.config }}
{{ $variable }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* The system property listing the token and key-set URLs a Kafka 4 client or broker JVM may call. */}}
{{- define "cbdf.kafkaAllowedUrlsProperty" -}}
org.apache.kafka.sasl.oauthbearer.allowed.urls
{{- end -}}

{{/* Where the services get their Kafka tokens: kafka.tokenEndpoint, or Keycloak's in the cluster, or the issuer's. */}}
{{- define "cbdf.kafkaTokenEndpoint" -}}
{{- if .Values.kafka.tokenEndpoint -}}
{{- .Values.kafka.tokenEndpoint -}}
{{- else -}}
{{- printf "%s/protocol/openid-connect/token" (.Values.keycloak.backchannelUri | default .Values.keycloak.issuerUri) -}}
{{- end -}}
{{- end -}}

{{/* Where the Kafka truststore is mounted; cbdf.kafkaTruststoreFile is "" when the JVM's default CAs are trusted or there is no TLS. */}}
{{- define "cbdf.kafkaTruststoreDirectory" -}}
/etc/cbdf/kafka-truststore
{{- end -}}

{{- /* named by its type: the provisioner reads a file ending in .pem as PEM, any other as PKCS12 */ -}}
{{- define "cbdf.kafkaTruststoreFileName" -}}
{{- ternary "truststore.pem" "truststore.p12" (eq .Values.kafka.truststore.type "PEM") -}}
{{- end -}}

{{- define "cbdf.kafkaTruststoreFile" -}}
{{- $kafka := .Values.kafka -}}
{{- if and (eq $kafka.securityProtocol "SASL_SSL") $kafka.truststore.existingSecret -}}
{{- printf "%s/%s" (include "cbdf.kafkaTruststoreDirectory" .) (include "cbdf.kafkaTruststoreFileName" .) -}}
{{- end -}}
{{- end -}}

{{/* The Kafka truststore Secret as a pod volume (nothing without one); nindent it under volumes: */}}
{{- define "cbdf.kafkaTruststoreVolume" -}}
{{- if include "cbdf.kafkaTruststoreFile" . }}
- name: kafka-truststore
  secret:
    secretName: {{ .Values.kafka.truststore.existingSecret }}
    items:
      - key: {{ .Values.kafka.truststore.key }}
        path: {{ include "cbdf.kafkaTruststoreFileName" . }}
{{- end }}
{{- end -}}

{{- define "cbdf.kafkaTruststoreMount" -}}
{{- if include "cbdf.kafkaTruststoreFile" . }}
- name: kafka-truststore
  mountPath: {{ include "cbdf.kafkaTruststoreDirectory" . }}
  readOnly: true
{{- end }}
{{- end -}}
