"""Writes the storage fixtures that tests/MiniDask.Array.Tests/Storage reads.

Made with Debian bookworm's packages (zarr 2.13.6, numcodecs 0.11.0, h5py 3.7.0 on HDF5 1.10.8,
numpy 1.24.2):

    apt-get install -y python3-zarr python3-h5py python3-numpy
    cd tests/MiniDask.Array.Tests/Storage/Fixtures && /usr/bin/python3 make_fixtures.py

The values are simple formulas of the index (see value() below and ZarrFixtureTests), so the tests
compute what each element must be instead of storing expected results. Run again, the script
writes the same arrays and, with the library versions above, the same bytes but for the time of
writing in each gzip chunk's header.
"""

import os
import shutil

import h5py
import numcodecs
import numpy as np
import zarr

HERE = os.path.dirname(os.path.abspath(__file__))
ZARR = os.path.join(HERE, "zarr")


def value(shape, dtype):
    """element (i, j) = i * 100 + j * 0.5 - 7 (cast to the dtype); bool: (i + j) % 3 == 0."""
    i, j = np.indices(shape)
    if dtype == "bool":
        return (i + j) % 3 == 0
    if np.dtype(dtype).kind == "i":
        return (i * 100 + j * 3 - 7).astype(dtype)
    return (i * 100 + j * 0.5 - 7).astype(dtype)


def store(name):
    path = os.path.join(ZARR, name)
    shutil.rmtree(path, ignore_errors=True)
    return path


def write_zarr():
    os.makedirs(ZARR, exist_ok=True)
    shape, chunks = (23, 17), (10, 10)

    # zarr's defaults: Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE), fill_value 0, C order, "." keys.
    for dtype in ["float64", "float32", "int64", "int32", "bool"]:
        z = zarr.open(store(f"default_{dtype}.zarr"), mode="w", shape=shape, chunks=chunks, dtype=dtype)
        z[:] = value(shape, dtype)
    zarr.open(os.path.join(ZARR, "default_float64.zarr")).attrs.update({"units": "m", "scale": 2.5})

    # int64 values beyond 2**53, which a double cannot hold exactly.
    z = zarr.open(store("large_int64.zarr"), mode="w", shape=(40,), chunks=(16,), dtype="int64")
    z[:] = (2**62 + np.arange(40) * 1_000_003) * np.where(np.arange(40) % 2 == 0, 1, -1)

    codecs = {
        "zlib": numcodecs.Zlib(level=5),
        "gzip": numcodecs.GZip(level=5),
        "zstd": numcodecs.Zstd(level=3),
        "lz4": numcodecs.LZ4(acceleration=1),
        "none": None,
        "blosc_zstd": numcodecs.Blosc(cname="zstd", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE),
        "blosc_zlib": numcodecs.Blosc(cname="zlib", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE),
        "blosc_lz4hc": numcodecs.Blosc(cname="lz4hc", clevel=9, shuffle=numcodecs.Blosc.SHUFFLE),
        "blosc_bitshuffle": numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.BITSHUFFLE),
        "blosc_noshuffle": numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.NOSHUFFLE),
        "blosc_blosclz": numcodecs.Blosc(cname="blosclz", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE),
        # 256-byte blocks: several blocks per chunk and a shorter last one.
        "blosc_smallblocks": numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE, blocksize=256),
        "blosc_clevel0": numcodecs.Blosc(cname="lz4", clevel=0),
    }
    for name, compressor in codecs.items():
        for dtype in ["float64", "int32"]:
            z = zarr.open(store(f"{name}_{dtype}.zarr"), mode="w", shape=shape, chunks=chunks, dtype=dtype,
                          compressor=compressor)
            z[:] = value(shape, dtype)

    # blosclz splits a block into one stream per byte of the item once it holds 128 items or more.
    z = zarr.open(store("blosc_blosclz_split.zarr"), mode="w", shape=(2000,), chunks=(2000,), dtype="float64",
                  compressor=numcodecs.Blosc(cname="blosclz", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE))
    z[:] = np.arange(2000) * 0.5 - 7

    # Bit-shuffled blocks whose element count is not a multiple of 8 keep their bytes as they are.
    z = zarr.open(store("blosc_bitshuffle_odd.zarr"), mode="w", shape=(101,), chunks=(101,), dtype="float32",
                  compressor=numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.BITSHUFFLE, blocksize=160))
    z[:] = np.arange(101, dtype="float32") * 0.25

    # Missing chunks read as the fill value: only the top-left chunk is written.
    z = zarr.open(store("missing_nan.zarr"), mode="w", shape=(12, 9), chunks=(5, 5), dtype="float64",
                  fill_value=np.nan)
    z[0:5, 0:5] = value((5, 5), "float64")
    z[1, 1] = np.nan
    z = zarr.open(store("missing_int32.zarr"), mode="w", shape=(12, 9), chunks=(5, 5), dtype="int32",
                  fill_value=-7)
    z[5:10, 5:9] = value((5, 4), "int32")
    z = zarr.open(store("fill_infinity.zarr"), mode="w", shape=(4,), chunks=(2,), dtype="float32",
                  fill_value=-np.inf)
    z[0:2] = [1.5, 2.5]

    # "/" keys: chunk (1, 0) is the file 1/0.
    z = zarr.open(store("nested.zarr"), mode="w", shape=shape, chunks=chunks, dtype="float64",
                  dimension_separator="/")
    z[:] = value(shape, "float64")

    z = zarr.open(store("bigendian.zarr"), mode="w", shape=shape, chunks=chunks, dtype=">f8")
    z[:] = value(shape, "float64")
    z = zarr.open(store("bigendian_int32.zarr"), mode="w", shape=shape, chunks=chunks, dtype=">i4",
                  compressor=None)
    z[:] = value(shape, "int32")

    z = zarr.open(store("forder.zarr"), mode="w", shape=shape, chunks=chunks, dtype="float64", order="F")
    z[:] = value(shape, "float64")

    z = zarr.open(store("scalar.zarr"), mode="w", shape=(), dtype="float64")
    z[...] = 3.5

    z = zarr.open(store("empty.zarr"), mode="w", shape=(0, 4), chunks=(2, 4), dtype="float64")

    root = zarr.open_group(store("group.zarr"), mode="w")
    sub = root.create_group("sub")
    t = sub.create_dataset("temperature", shape=(6, 4), chunks=(4, 4), dtype="float32")
    t[:] = value((6, 4), "float32")
    t.attrs["units"] = "K"

    # A delta filter, which MiniDask refuses with a clear error.
    z = zarr.open(store("filters.zarr"), mode="w", shape=(10,), chunks=(5,), dtype="int32",
                  filters=[numcodecs.Delta(dtype="int32")])
    z[:] = np.arange(10)


def write_hdf5():
    path = os.path.join(HERE, "h5py_fixture.h5")
    shape = (23, 17)
    with h5py.File(path, "w") as f:
        f.create_dataset("chunked_float64", data=value(shape, "float64"), chunks=(10, 10),
                         compression="gzip", compression_opts=4, shuffle=True)
        f.create_dataset("contiguous_int32", data=value((5, 7), "int32"))
        f.create_dataset("float32", data=value((3, 11), "float32"), chunks=(2, 4))
        f.create_dataset("int64", data=value((6, 3), "int64"))
        f.create_dataset("bool", data=value((4, 5), "bool"))
        f.create_dataset("scalar", data=np.float64(3.5))
        d = f.create_dataset("partial", shape=(12, 9), chunks=(5, 5), dtype="float64", fillvalue=-1.0)
        d[0:5, 0:5] = value((5, 5), "float64")
        g = f.create_group("grp")
        g.create_dataset("inner", data=value((4, 4), "float64"))
        g["inner"].attrs["units"] = "m"
        # Fixed-length byte strings, which MiniDask refuses naming the dataset and its type.
        f.create_dataset("text", data=np.array([b"ab", b"cde"]))


if __name__ == "__main__":
    write_zarr()
    write_hdf5()
