"""Reads Zarr arrays and HDF5 datasets with zarr-python 2 and h5py, for PythonInteropTests.

    python3 read_stores.py MANIFEST.json

The manifest is a JSON list of entries, {"kind": "zarr", "path": ..., "npy": ...} or
{"kind": "hdf5", "path": ..., "dataset": ..., "npy": ...}. Each array is read whole by the Python
library and saved to its "npy" file (little-endian, C order), so the tests compare every element
exactly; what the library reports of the array (dtype, shape, chunks, fill value, compressor,
attributes) is printed as a JSON list, one object per entry, in order.

With "probe" as the only argument it prints the versions of the libraries it can import instead.
"""

import json
import math
import sys


def plain(value):
    """A JSON-ready form of a NumPy scalar: NaN and infinities as the strings Zarr's metadata uses."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, complex):
        return [plain(value.real), plain(value.imag)]
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return value


def save(data, path):
    import numpy as np

    data = np.asarray(data)
    np.save(path, np.ascontiguousarray(data, dtype=data.dtype.newbyteorder("<")))


def read_zarr(entry):
    import zarr

    z = zarr.open_array(entry["path"], mode="r")
    save(z[...], entry["npy"])
    return {
        "dtype": z.dtype.str,
        "shape": list(z.shape),
        "chunks": list(z.chunks),
        "fill_value": plain(z.fill_value),
        "compressor": z.compressor.get_config() if z.compressor is not None else None,
        "order": z.order,
        "attrs": dict(z.attrs),
        "nchunks_initialized": z.nchunks_initialized,
    }


def read_hdf5(entry):
    import h5py

    with h5py.File(entry["path"], "r") as f:
        d = f[entry["dataset"]]
        save(d[()], entry["npy"])
        return {
            "dtype": d.dtype.str,
            "shape": list(d.shape),
            "chunks": list(d.chunks) if d.chunks is not None else None,
            "compression": d.compression,
            "compression_opts": d.compression_opts,
        }


def probe():
    versions = {"python": sys.version.split()[0]}
    for name in ["numpy", "zarr", "numcodecs", "h5py"]:
        try:
            versions[name] = __import__(name).__version__
        except Exception:  # any failure to import means the library is unusable here
            pass
    print(json.dumps(versions))


def main():
    if sys.argv[1:] == ["probe"]:
        probe()
        return
    with open(sys.argv[1], encoding="utf-8") as f:
        entries = json.load(f)
    readers = {"zarr": read_zarr, "hdf5": read_hdf5}
    print(json.dumps([readers[e["kind"]](e) for e in entries]))


if __name__ == "__main__":
    main()
