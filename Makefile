# LMS Diklat: one Makefile for developers, CI and `sam build`.
#
#   make dev     install what is missing, start the whole product locally
#   make test    install what is missing, run every test
#
# Tools are pinned and installed once per machine under $(TOOLS); local data
# lives in .local/ (ignored by git).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

ROOT        := $(CURDIR)
TOOLS       ?= $(HOME)/.cache/lms-tools
LOCAL       := $(ROOT)/.local
DEV_ADDR    ?= 127.0.0.1:8080

VERSITYGW_VERSION   := v1.8.0
SAM_VERSION         := 1.170.0
CFNLINT_VERSION     := 1.58.0
STATICCHECK_VERSION := v0.8.2

VERSITYGW   := $(TOOLS)/versitygw-$(VERSITYGW_VERSION)/versitygw
STATICCHECK := $(TOOLS)/staticcheck-$(STATICCHECK_VERSION)/staticcheck
VENV        := $(TOOLS)/venv-sam$(SAM_VERSION)-cfnlint$(CFNLINT_VERSION)
SAM         := $(VENV)/bin/sam
CFNLINT     := $(VENV)/bin/cfn-lint

FUNCTIONS := auth batch course upload transcode index certificate competency competencyjobs notify forum

VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT   ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
BUILT_AT := $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS  := -s -w -X lms/shared/version.Version=$(VERSION) -X lms/shared/version.Commit=$(COMMIT) -X lms/shared/version.BuiltAt=$(BUILT_AT)
# Lambda binaries: static, arm64 (Graviton), no RPC shim, stripped.
GOLAMBDA := CGO_ENABLED=0 GOOS=linux GOARCH=arm64 go build -tags lambda.norpc -trimpath -ldflags "$(LDFLAGS)"

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export SAM_CLI_TELEMETRY := 0
export GOFLAGS := -buildvcs=false

.PHONY: help dev test unit fuzz integration e2e lint build build-functions build-web bench load deploy lighthouse clean distclean \
        deps deps-system deps-go deps-node deps-tools sam-build cfn-lint sizes

help: ## list the targets
	@grep -hE '^[a-zA-Z_%-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

# ------------------------------------------------------------------ setup
deps: deps-system deps-go deps-node deps-tools ## install everything the product and tests need (idempotent)

deps-system: ## Debian packages: ffmpeg, poppler-utils (pdftotext in tests), Java 17 (DynamoDB Local), Node.js, python3-venv, chromium (browser tests)
	@missing=""; \
	command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || missing="$$missing ffmpeg"; \
	command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v java >/dev/null || missing="$$missing openjdk-17-jre-headless"; \
	command -v node >/dev/null && command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	python3 -c 'import venv, ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	@command -v go >/dev/null || { echo "Go 1.26 or newer is required: https://go.dev/dl/"; exit 1; }

deps-go:
	@go mod download

deps-node: infra/node_modules/.installed web/node_modules/.installed

infra/node_modules/.installed: infra/package.json infra/package-lock.json
	@cd infra && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

web/node_modules/.installed: web/package.json web/package-lock.json
	@cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

deps-tools: $(VERSITYGW) $(SAM) $(STATICCHECK)

$(VERSITYGW):
	@echo "installing versitygw $(VERSITYGW_VERSION) (S3 stand-in)"
	@GOFLAGS= GOBIN=$(dir $@) go install github.com/versity/versitygw/cmd/versitygw@$(VERSITYGW_VERSION)

$(STATICCHECK):
	@echo "installing staticcheck $(STATICCHECK_VERSION)"
	@GOFLAGS= GOBIN=$(dir $@) go install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

$(SAM):
	@echo "installing AWS SAM CLI $(SAM_VERSION) and cfn-lint $(CFNLINT_VERSION) into $(VENV)"
	@rm -rf $(VENV) && python3 -m venv $(VENV)
	@$(VENV)/bin/pip install -q --disable-pip-version-check aws-sam-cli==$(SAM_VERSION) cfn-lint==$(CFNLINT_VERSION)

# -------------------------------------------------------------------- run
dev: deps build-web ## run the product locally (web app and API on http://$(DEV_ADDR))
	@mkdir -p $(LOCAL)/bin $(LOCAL)/data
	@go build -ldflags "$(LDFLAGS)" -o $(LOCAL)/bin/lmsdev ./infra/cmd/lmsdev
	@exec $(LOCAL)/bin/lmsdev -root $(ROOT) -data $(LOCAL)/data -addr $(DEV_ADDR) -versitygw $(VERSITYGW) -web $(ROOT)/web/dist

# ------------------------------------------------------------------- test
test: deps ## run every test: unit, fuzz, lint, sam build, web build, integration, e2e (browser)
	@start=$$(date +%s); \
	$(MAKE) unit fuzz lint sam-build build-web integration e2e; \
	echo "make test: all passed in $$(( $$(date +%s) - start )) s"

unit: ## Go unit tests (no services)
	go test -count=1 $$(go list ./... | grep -v -e /tests/integration -e /tests/e2e -e /tests/faults)

# Every func FuzzXxx under shared/, infra/ and tests/, found in the sources,
# one at a time (go test -fuzz takes one target per run), FUZZTIME each.
# Minimising a new input is capped: big inputs (workbooks) would otherwise
# spend the whole budget there. A failing input is written to the
# package's testdata/fuzz/FuzzXxx/, where plain go test then replays it.
# A run that fails with "context deadline exceeded" and writes no input is
# Go 1.26's coordinator race at the end of a timed run (go.dev/issue/75804,
# fixed in Go 1.27), not a finding: it is reported and the target passes.
FUZZTIME ?= 3s
fuzz: ## run every Go fuzz target for FUZZTIME (default 3s) on top of its committed corpus
	@for file in $$(grep -rl --include='*_test.go' '^func Fuzz' shared infra tests | sort); do \
	  for target in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$file); do \
	    dir=$$(dirname $$file); corpus=$$dir/testdata/fuzz/$$target; \
	    before=$$(ls $$corpus 2>/dev/null | wc -l || true); \
	    echo "fuzz $$target ./$$dir"; \
	    if ! out=$$(go test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./$$dir 2>&1); then \
	      after=$$(ls $$corpus 2>/dev/null | wc -l || true); \
	      if [ "$$after" = "$$before" ] && echo "$$out" | grep -q 'context deadline exceeded'; then \
	        echo "  (Go fuzz coordinator deadline race, no failing input: go.dev/issue/75804)"; \
	      else echo "$$out" | grep -v '^fuzz: elapsed'; exit 1; fi; \
	    fi; \
	  done; \
	done

integration: build-web ## integration tests through the local stack (started on free ports), then the fault tests (a stack of their own)
	LMS_VERSITYGW=$(VERSITYGW) go test -count=1 -timeout 20m ./tests/integration/...
	LMS_VERSITYGW=$(VERSITYGW) go test -count=1 -timeout 10m ./tests/faults/...

e2e: build-web ## browser tests: Debian's chromium driven by playwright-core through the local stack (screenshots in web/e2e/artifacts)
	LMS_VERSITYGW=$(VERSITYGW) go test -count=1 -timeout 10m ./tests/e2e/...

lint: deps-tools deps-node ## gofmt, go vet, staticcheck, cfn-lint, web type check
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './web/*')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	go vet ./...
	$(STATICCHECK) ./...
	$(MAKE) cfn-lint
	cd web && npm run --silent typecheck

cfn-lint: $(SAM)
	$(CFNLINT) template.yaml

# ------------------------------------------------------------------ build
build: build-functions build-web ## build every function (linux/arm64) and the web app

build-functions: ## the Lambda binaries under build/
	@for f in $(FUNCTIONS); do $(GOLAMBDA) -o build/$$f/bootstrap ./functions/$$f; done
	@$(MAKE) sizes

sizes:
	@for f in $(FUNCTIONS); do printf "  %-10s %6d KiB\n" $$f $$(( $$(stat -c %s build/$$f/bootstrap) / 1024 )); done

build-web: deps-node ## the web app into web/dist
	@cd web && npm run --silent build >/dev/null

sam-build: $(SAM) ## sam build (uses the build-<Function> targets below)
	$(SAM) build --build-in-source --parallel

# Targets sam build calls for each function (Metadata: BuildMethod: makefile).
build-AuthFunction:
	$(GOLAMBDA) -o $(ARTIFACTS_DIR)/bootstrap ./functions/auth
build-BatchFunction:
	$(GOLAMBDA) -o $(ARTIFACTS_DIR)/bootstrap ./functions/batch
build-CourseFunction:
	$(GOLAMBDA) -o $(ARTIFACTS_DIR)/bootstrap ./functions/course
build-UploadFunction:
	$(GOLAMBDA) -o $(ARTIFACTS_DIR)/bootstrap ./functions/upload
build-TranscodeFunction:
	$(GOLAMBDA) -o $(ARTIFACTS_DIR)/bootstrap ./functions/transcode
build-IndexFunction:
	$(GOLAMBDA) -o $(ARTIFACTS_DIR)/bootstrap ./functions/index
build-CertificateFunction:
	$(GOLAMBDA) -o $(ARTIFACTS_DIR)/bootstrap ./functions/certificate
build-CompetencyFunction:
	$(GOLAMBDA) -o $(ARTIFACTS_DIR)/bootstrap ./functions/competency
build-CompetencyJobsFunction:
	$(GOLAMBDA) -o $(ARTIFACTS_DIR)/bootstrap ./functions/competencyjobs
build-NotifyFunction:
	$(GOLAMBDA) -o $(ARTIFACTS_DIR)/bootstrap ./functions/notify
build-ForumFunction:
	$(GOLAMBDA) -o $(ARTIFACTS_DIR)/bootstrap ./functions/forum

bench: deps-system deps-tools ## one table of every figure of issue 11; rewrites docs/performance.md and docs/cost.md (2-15 min; nothing asserted)
	LMS_VERSITYGW=$(VERSITYGW) go run ./tests/bench

load: deps-tools ## load test: 200 learners loop login, my learning, course, item, progress for 60 s through the local stack (fails on any error)
	LMS_VERSITYGW=$(VERSITYGW) go run ./tests/load

lighthouse: deps-node ## Lighthouse (mobile preset, Debian's chromium) on the sign-in and a course page of the running make dev stack: performance and accessibility >= 90
	cd web && BASE_URL=$${BASE_URL:-http://$(DEV_ADDR)} node scripts/lighthouse.mjs

# ----------------------------------------------------------------- deploy
# make deploy: sam build and sam deploy (guided the first time), then the
# web app: web/dist to the stack's web bucket (WebBucketName output), the
# API's address as /config.json (ApiUrl), and a CloudFront invalidation
# (WebDistributionId). Hashed files under assets/ are immutable for a year
# and never deleted (a page still open may lazy-load an old chunk);
# index.html and config.json are no-cache, uploaded last so they never name
# assets that are not there yet. DRY_RUN=1 prints every command instead of
# running it (no AWS account or credentials needed). STACK_NAME and
# DEPLOY_REGION (else AWS_REGION) default to samconfig.toml's, read after
# sam deploy (a guided first run writes it); AWS=aws uses another CLI.
AWSCLI_VERSION := 1.46.3
AWSCLI_VENV    := $(TOOLS)/venv-awscli$(AWSCLI_VERSION)
AWS            ?= $(AWSCLI_VENV)/bin/aws
DRY_RUN        ?=
STACK_NAME     ?=
DEPLOY_REGION  ?=

deploy: build-web ## deploy to AWS: sam deploy (guided the first time), web app to S3, CloudFront invalidation (DRY_RUN=1 prints the commands)
	@if [ -z "$(DRY_RUN)" ]; then $(MAKE) sam-build $(filter $(AWSCLI_VENV)/bin/aws,$(AWS)); else echo "+ $(SAM) build --build-in-source --parallel"; fi
	@run() { if [ -n "$(DRY_RUN)" ]; then printf '+'; printf ' %q' "$$@"; echo; else "$$@"; fi; }; \
	if [ -f samconfig.toml ]; then run $(SAM) deploy; else run $(SAM) deploy --guided; fi; \
	samconfig() { sed -n "s/^$$1 *= *\"\(.*\)\"/\1/p" samconfig.toml 2>/dev/null | head -n1 || true; }; \
	stack="$(STACK_NAME)"; [ -n "$$stack" ] || stack=$$(samconfig stack_name); \
	region="$(DEPLOY_REGION)"; [ -n "$$region" ] || region="$${AWS_REGION:-}"; [ -n "$$region" ] || region=$$(samconfig region); \
	[ -n "$$region" ] || region=ap-southeast-3; \
	if [ -z "$$stack" ]; then if [ -n "$(DRY_RUN)" ]; then stack="<stack-name>"; else echo "deploy: no stack name (samconfig.toml or STACK_NAME=...)"; exit 1; fi; fi; \
	output() { \
	  if [ -n "$(DRY_RUN)" ]; then \
	    run $(AWS) cloudformation describe-stacks --region "$$region" --stack-name "$$stack" \
	      --query "Stacks[0].Outputs[?OutputKey=='$$1'].OutputValue" --output text >&2; echo "<$$1>"; \
	  else \
	    v=$$($(AWS) cloudformation describe-stacks --region "$$region" --stack-name "$$stack" \
	      --query "Stacks[0].Outputs[?OutputKey=='$$1'].OutputValue" --output text); \
	    if [ -z "$$v" ] || [ "$$v" = None ]; then echo "deploy: stack $$stack has no output $$1" >&2; return 1; fi; echo "$$v"; \
	  fi; }; \
	bucket=$$(output WebBucketName); dist=$$(output WebDistributionId); apiurl=$$(output ApiUrl); \
	config=$$(mktemp); trap 'rm -f "$$config"' EXIT; printf '{"apiBase":"%s"}\n' "$$apiurl" > "$$config"; \
	echo "deploy: web app to s3://$$bucket, config.json $$(cat "$$config")"; \
	run $(AWS) s3 sync web/dist/assets "s3://$$bucket/assets" --region "$$region" --only-show-errors \
	  --cache-control "public, max-age=31536000, immutable"; \
	run $(AWS) s3 sync web/dist "s3://$$bucket" --region "$$region" --only-show-errors --delete \
	  --exclude "assets/*" --exclude ".vite/*" --exclude index.html --exclude config.json --cache-control no-cache; \
	run $(AWS) s3 cp "$$config" "s3://$$bucket/config.json" --region "$$region" --only-show-errors \
	  --cache-control no-cache --content-type application/json; \
	run $(AWS) s3 cp web/dist/index.html "s3://$$bucket/index.html" --region "$$region" --only-show-errors \
	  --cache-control no-cache --content-type "text/html; charset=utf-8"; \
	run $(AWS) cloudfront create-invalidation --distribution-id "$$dist" --paths / /index.html /config.json \
	  --query Invalidation.Id --output text; \
	echo "deploy: done$(if $(DRY_RUN), (dry run: nothing was run))"

$(AWSCLI_VENV)/bin/aws:
	@echo "installing the AWS CLI $(AWSCLI_VERSION) into $(AWSCLI_VENV)"
	@rm -rf $(AWSCLI_VENV) && python3 -m venv $(AWSCLI_VENV)
	@$(AWSCLI_VENV)/bin/pip install -q --disable-pip-version-check awscli==$(AWSCLI_VERSION)

clean: ## remove build outputs (keeps local data)
	rm -rf build .aws-sam web/dist

distclean: clean ## also remove local data and installed node modules
	rm -rf $(LOCAL) infra/node_modules web/node_modules
