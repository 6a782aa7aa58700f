#!/usr/bin/env bash
# Deployment (issue 18): the test-only module tools/servicetest checks the
# OpenAPI description against running handlers and decodes the Kubernetes
# manifests strictly; then the container image of deploy/Containerfile is
# built with buildah from binaries built here (CGO_ENABLED=0), its config
# checked (user, entrypoint, exposed port), and the server run from it once.
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "--- tools/servicetest: OpenAPI description and Kubernetes manifests"
(cd tools/servicetest && go vet ./... && go test -count=1 ./...)

echo "--- container image with buildah"
if ! command -v buildah >/dev/null; then
	echo "buildah is not installed (apt-get install -y buildah): image build skipped"
	if [ "${QRWORKS_STRICT:-}" = 1 ]; then exit 1; fi
	exit 0
fi
work=$(mktemp -d)
ctr=
srv_pid=
bah() { buildah --root "$work/storage" --runroot "$work/run" --storage-driver vfs "$@"; }
cleanup() {
	if [ -n "$srv_pid" ] && kill -0 "$srv_pid" 2>/dev/null; then kill "$srv_pid"; wait "$srv_pid" || true; fi
	if [ -n "$ctr" ]; then bah rm "$ctr" >/dev/null || true; fi
	bah rmi --all --force >/dev/null 2>&1 || true
	rm -rf "$work" deploy/bin
}
trap cleanup EXIT

mkdir -p deploy/bin
for cmd in server generate; do
	CGO_ENABLED=0 go build -trimpath -ldflags=-s -o "deploy/bin/qrworks-$cmd" "./examples/$cmd"
	go version -m "deploy/bin/qrworks-$cmd" | grep -q 'CGO_ENABLED=0' || { echo "qrworks-$cmd is not a static build" >&2; exit 1; }
done
bah bud --isolation chroot --build-arg BINARIES=prebuilt -f deploy/Containerfile -t qrworks:ci . >"$work/build.log" 2>&1 ||
	{ cat "$work/build.log"; exit 1; }

check() { # check WHAT GOT WANT
	if [ "$2" != "$3" ]; then echo "image $1: got '$2', want '$3'" >&2; exit 1; fi
	echo "image $1: $2"
}
check user "$(bah inspect --type image --format '{{.OCIv1.Config.User}}' qrworks:ci)" "65532:65532"
check entrypoint "$(bah inspect --type image --format '{{.OCIv1.Config.Entrypoint}}' qrworks:ci)" "[/qrworks-server -addr :8080]"
check ports "$(bah inspect --type image --format '{{range $p, $_ := .OCIv1.Config.ExposedPorts}}{{$p}} {{end}}' qrworks:ci)" "8080/tcp "
check healthcheck "$(bah inspect --type image --format '{{if .Docker.Config.Healthcheck}}set{{else}}none{{end}}' qrworks:ci)" "none"
check layers "$(bah inspect --type image --format '{{len .OCIv1.RootFS.DiffIDs}}' qrworks:ci)" "1"

# Run the server from the image (chroot isolation shares the host's
# network) and ask it for its probes, its description and its page.
port=18099
ctr=$(bah from qrworks:ci)
# buildah itself, not the bah function, goes to the background, so that
# $! is buildah's pid and the cleanup's SIGTERM reaches it (and the server).
buildah --root "$work/storage" --runroot "$work/run" --storage-driver vfs \
	run --isolation chroot "$ctr" -- /qrworks-server -addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
srv_pid=$!
get() { # get PATH: the body, over bash's /dev/tcp
	exec 3<>"/dev/tcp/127.0.0.1/$port"
	printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" >&3
	cat <&3
	exec 3<&-
}
for _ in $(seq 50); do
	if (get /healthz 2>/dev/null | grep -q '"status":"ok"'); then break; fi
	sleep 0.2
done
get /healthz | grep -q '"status":"ok"' || { cat "$work/server.log"; echo "the server in the image did not answer /healthz" >&2; exit 1; }
get /readyz | grep -q '"status":"ready"'
get /openapi.json | grep -q '"openapi": "3.1'
get / | grep -q '<html'
echo "the server in the image answers /healthz, /readyz, /openapi.json and the page"
