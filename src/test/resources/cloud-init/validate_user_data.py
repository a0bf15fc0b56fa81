"""Validates a #cloud-config file with cloud-init's own schema (strict: any schema problem fails).

usage: validate_user_data.py FILE  -> rc 0 and "valid", or rc 1 and the problems
"""
import sys

from cloudinit import util
from cloudinit.config.schema import SchemaValidationError, get_schema, validate_cloudconfig_schema

text = open(sys.argv[1], encoding="utf-8").read()
if not text.startswith("#cloud-config\n"):
    sys.exit("user-data does not start with #cloud-config")
config = util.load_yaml(text)
if not isinstance(config, dict):
    sys.exit("user-data is not a mapping")
try:
    validate_cloudconfig_schema(config, get_schema(), strict=True)
except SchemaValidationError as e:
    sys.exit(str(e))
print("valid")
