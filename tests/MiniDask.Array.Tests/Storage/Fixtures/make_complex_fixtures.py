"""Writes the complex128 storage fixtures that tests/MiniDask.Array.Tests/Storage/ComplexStorageTests reads.

Made with Debian bookworm's packages (zarr 2.13.6, numcodecs 0.11.0, h5py 3.7.0 on HDF5 1.10.8,
numpy 1.24.2), beside make_fixtures.py, which this leaves alone:

    apt-get install -y python3-zarr python3-h5py python3-numpy
    cd tests/MiniDask.Array.Tests/Storage/Fixtures && /usr/bin/python3 make_complex_fixtures.py

Element (i, j) is (i * 100 + j * 0.5 - 7) + (i - j * 0.25)j, so the tests compute what each
element must be. zarr stores a complex fill value as the list [real, imaginary]; h5py stores
complex128 as a compound of the float64 members r and i.
"""

import os
import shutil

import h5py
import numcodecs
import numpy as np
import zarr

HERE = os.path.dirname(os.path.abspath(__file__))
ZARR = os.path.join(HERE, "zarr")


def value(shape):
    i, j = np.indices(shape)
    return (i * 100 + j * 0.5 - 7) + 1j * (i - j * 0.25)


def store(name):
    path = os.path.join(ZARR, name)
    shutil.rmtree(path, ignore_errors=True)
    return path


def main():
    os.makedirs(ZARR, exist_ok=True)
    shape, chunks = (23, 17), (10, 10)

    # zarr's defaults: Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE) over 16-byte items.
    z = zarr.open(store("default_complex128.zarr"), mode="w", shape=shape, chunks=chunks, dtype="complex128")
    z[:] = value(shape)

    # Missing chunks read as the fill value (1.5 - 2j): only the top-left chunk is written.
    z = zarr.open(store("missing_complex128.zarr"), mode="w", shape=(12, 9), chunks=(5, 5), dtype="complex128",
                  fill_value=1.5 - 2j, compressor=numcodecs.Zlib(level=5))
    z[0:5, 0:5] = value((5, 5))

    z = zarr.open(store("bigendian_complex128.zarr"), mode="w", shape=shape, chunks=chunks, dtype=">c16",
                  compressor=None)
    z[:] = value(shape)

    with h5py.File(os.path.join(HERE, "h5py_complex.h5"), "w") as f:
        f.create_dataset("chunked", data=value(shape), chunks=(10, 10), compression="gzip", compression_opts=4)
        f.create_dataset("contiguous", data=value((5, 7)))


if __name__ == "__main__":
    main()
