#!/bin/sh
# Apply migrations before the web process starts. Workers skip this (MIGRATE=false) so that only one
# process migrates when several start together; Django's migrate is safe to repeat.
set -eu
if [ "${MIGRATE:-true}" = "true" ]; then
  python manage.py migrate --no-input
fi
exec "$@"
