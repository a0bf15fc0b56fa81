"""Runs cloud-init's real NoCloud network data source (DataSourceNoCloudNet) against a Skyport seed, as a guest
would: the SMBIOS serial is taken from argv instead of /sys/class/dmi/id/product_serial, everything else (parsing
the serial, fetching meta-data, user-data and vendor-data over HTTP with cloud-init's url helper, processing the
user-data) is cloud-init's own code. Then posts the phone-home the way cc_phone_home does.

usage: fetch_seed.py SMBIOS_SERIAL WORK_DIR  -> rc 0 and a JSON summary on stdout
"""
import json
import sys

from cloudinit import dmi, helpers, url_helper
from cloudinit.sources import DataSourceNoCloud

serial, work = sys.argv[1], sys.argv[2]
dmi.read_dmi_data = lambda key: serial if key == "system-serial-number" else None
DataSourceNoCloud.util.get_cmdline = lambda: ""
paths = helpers.Paths({"cloud_dir": work, "run_dir": work + "/run"})
sys_cfg = {"datasource": {"NoCloud": {"fs_label": None}}}
ds = DataSourceNoCloud.DataSourceNoCloudNet(sys_cfg, None, paths)
if not ds.get_data():
    sys.exit("the data source did not claim the seed")
user_data = ds.userdata_raw.decode() if isinstance(ds.userdata_raw, bytes) else ds.userdata_raw
vendor_data = ds.vendordata_raw
config = ds.get_userdata()
phone_home = DataSourceNoCloud.util.load_yaml(user_data)["phone_home"]
response = url_helper.read_file_or_url(
    phone_home["url"], data={"instance_id": ds.get_instance_id(), "hostname": ds.get_hostname().hostname})
print(json.dumps({
    "dsmode": ds.dsmode,
    "seed": ds.seed,
    "instance_id": ds.get_instance_id(),
    "hostname": ds.get_hostname().hostname,
    "metadata": ds.metadata,
    "user_data": user_data,
    "vendor_data": None if vendor_data is None else (
        vendor_data.decode() if isinstance(vendor_data, bytes) else vendor_data),
    "user_data_parts": [part.get_content_type() for part in config.walk() if not part.is_multipart()],
    "phone_home_status": response.code,
}))
