#!/usr/bin/env bash
# Make sure a Docker engine answers: install Debian's docker.io (and debootstrap, for the
# base image) when missing, and start dockerd in the background when no socket answers.
# Used by `make demo` and `make test`; safe to run again.
set -euo pipefail

if docker info >/dev/null 2>&1; then
  exit 0
fi
if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "docker.io and debootstrap are missing; run as root or install them" >&2
    exit 1
  fi
  echo "installing Debian packages: docker.io debootstrap"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io debootstrap >/dev/null
fi
if ! docker info >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "no Docker engine answers and only root can start dockerd here" >&2
    exit 1
  fi
  echo "starting dockerd (log: /var/log/academy-dockerd.log)"
  nohup dockerd >/var/log/academy-dockerd.log 2>&1 &
  for _ in $(seq 60); do
    if docker info >/dev/null 2>&1; then
      exit 0
    fi
    sleep 1
  done
  echo "dockerd did not answer within 60 s; see /var/log/academy-dockerd.log" >&2
  exit 1
fi
