# Two commands matter: `make demo` (the main job) and `make test` (all tests).
# Each installs what it needs: Debian packages (as root), a venv, pip packages.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEBS := npm chromium
DEMO_FLAGS ?=
PYTEST_FLAGS ?= -n 2
# Environments are built from a Debian base made with debootstrap (no registry needed);
# set BASE_IMAGE=python:3.11-slim where a registry is reachable.
BASE_IMAGE ?= academy/debian-base:bookworm
CA_BUNDLE ?= $(wildcard /etc/ssl/certs/ca-certificates.crt)
WHEELHOUSE ?= $(wildcard /opt/wheels)
ENVS ?= base torch serving tracking
ENV_FLAGS = --base-image $(BASE_IMAGE) $(if $(CA_BUNDLE),--ca-bundle $(CA_BUNDLE)) \
	$(if $(WHEELHOUSE),--wheelhouse $(WHEELHOUSE))

.PHONY: demo test lint system-deps docker envs venv clean

demo: system-deps $(STAMP) envs
	$(BIN)/academy demo $(DEMO_FLAGS)

test: system-deps $(STAMP) envs
	$(BIN)/ruff check src tests graders demo benchmarks
	$(BIN)/mypy
	$(BIN)/academy lint
	$(BIN)/pytest $(PYTEST_FLAGS)

# A Docker engine (installed and started if missing), the base image, the environments.
# Built images are reused: a tag is a hash of the Dockerfile and lockfile. The lab (a
# Python stand-in image and a wheelhouse) lets graders build learners' Dockerfiles offline.
docker:
	scripts/docker-up.sh

envs: docker $(STAMP)
	@if [ "$(BASE_IMAGE)" = "academy/debian-base:bookworm" ]; then $(BIN)/academy env bootstrap-base; fi
	$(BIN)/academy env build $(ENVS) $(ENV_FLAGS) --quiet
	$(BIN)/academy lab prepare --quiet

lint: $(STAMP)
	$(BIN)/academy lint

venv: $(STAMP)

# Debian packages: npm fetches mermaid once for the offline site and the hub's proxy;
# chromium runs the browser tests; pango lets weasyprint write PDF reports;
# python3-venv gives Debian's Python its venv module.
system-deps:
	@missing=""; \
	for tool in npm chromium; do command -v $$tool >/dev/null || missing="$$missing $$tool"; done; \
	for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0; do \
	  /sbin/ldconfig -p | grep -q "$$lib" || missing="$$missing $$(echo $$lib | sed 's/\.so\.0$$/-0/')"; done; \
	$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "Missing Debian packages:$$missing (run as root or install them)"; exit 1; fi; \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

clean:
	rm -rf build
