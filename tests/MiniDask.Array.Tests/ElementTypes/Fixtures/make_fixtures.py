#!/usr/bin/env python3
"""Writes NumPy's answers for the dtype tests (ElementTypes/*.cs): run with NumPy 1.24 from this folder.

- promotion.csv: np.promote_types for every pair of the twelve dtypes.
- x_<dtype>.npy, y_<dtype>.npy: a 3x4 input pair per dtype, chosen so that + - * wrap for integers.
- add_/subtract_/multiply_<dtype>.npy: x op y in the dtype (integers wrap, as NumPy's do).
- sum0_/max0_/min0_<dtype>.npy: reductions along axis 0 accumulated in the dtype (sum(axis=0, dtype=dtype)).
- sum_default_<dtype>.npy: NumPy's default sum of all elements (int64/uint64 for integers, the dtype for floats).
- cast_<from>_<to>.npy: x_<from>.astype(to) for integer sources (wrapping where NumPy's casts wrap), and
  cast_source_float16.astype(to) for float16 (values in every target's range: NumPy leaves out-of-range
  float-to-integer casts undefined).
- mixed_<a>_<b>.npy: x_a + x_b in NumPy's promoted dtype.
- stores/<dtype>.zarr (zarr-python 2, its default Blosc-LZ4-shuffle compressor, fill value 3) and
  stores/small_dtypes.h5 (h5py, one chunked gzip dataset per dtype): x_<dtype> of each small dtype.
- bool_*.npy: the ordering, set, counting and quantile routines of a boolean input (bool_x, bool_v).
"""
import itertools
import pathlib
import shutil

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float16", "float32", "float64"]
NUMERIC = DTYPES[1:]


def inputs(dtype):
    info = np.iinfo(dtype) if np.dtype(dtype).kind in "iu" else None
    if info is not None:
        hi, lo = int(info.max), int(info.min)
        x = [hi, hi - 1, lo, lo + 1, 0, 1, 2, 3, 7, hi // 2, 100 % (hi + 1), 5]
        y = [1, 2, 1, 3, 1, 0, hi, hi // 3, 9, 2, 3, lo + 7]
    else:
        x = [1.5, -2.25, 65504.0, -0.0, 0.1, 3.0, 1000.0, 2048.0, -7.5, 0.5, 12.0, 1e-3]
        y = [2.0, 0.5, 2.0, 1.0, 0.2, -4.0, 0.001, 1.0, 3.0, -0.5, 65504.0, 4.0]
    return np.array(x, dtype=dtype).reshape(3, 4), np.array(y, dtype=dtype).reshape(3, 4)


def main():
    with open(HERE / "promotion.csv", "w") as f:
        f.write("x,y,result\n")
        for a, b in itertools.product(DTYPES, DTYPES):
            f.write(f"{a},{b},{np.promote_types(a, b).name}\n")
    with np.errstate(all="ignore"):
        for d in NUMERIC:
            x, y = inputs(d)
            np.save(HERE / f"x_{d}.npy", x)
            np.save(HERE / f"y_{d}.npy", y)
            np.save(HERE / f"add_{d}.npy", x + y)
            np.save(HERE / f"subtract_{d}.npy", x - y)
            np.save(HERE / f"multiply_{d}.npy", x * y)
            np.save(HERE / f"sum0_{d}.npy", x.sum(axis=0, dtype=d))
            np.save(HERE / f"max0_{d}.npy", x.max(axis=0))
            np.save(HERE / f"min0_{d}.npy", x.min(axis=0))
            np.save(HERE / f"sum_default_{d}.npy", np.asarray(x.sum()))
        for a in NUMERIC:
            if np.dtype(a).kind == "f" and a != "float16":
                continue
            x, _ = inputs(a)
            if a == "float16":
                x = np.array([1.5, 2.25, 0, 100.75, 3, 127, 7.5, 0.5, 12, 99, 1e-3, 64], dtype=a).reshape(3, 4)
                np.save(HERE / "cast_source_float16.npy", x)
            for b in NUMERIC:
                np.save(HERE / f"cast_{a}_{b}.npy", x.astype(b))
        for a, b in itertools.combinations(NUMERIC, 2):
            np.save(HERE / f"mixed_{a}_{b}.npy", inputs(a)[0] + inputs(b)[0])
        x = np.array([True, False, True, True, False, False, True])
        v = np.array([False, True, True, False])
        np.save(HERE / "bool_x.npy", x)
        np.save(HERE / "bool_v.npy", v)
        np.save(HERE / "bool_topk_3.npy", np.sort(x)[::-1][:3])
        np.save(HERE / "bool_topk_-5.npy", np.sort(x)[:5])
        np.save(HERE / "bool_unique.npy", np.unique(x))
        np.save(HERE / "bool_isin.npy", np.isin(x, np.array([False])))
        np.save(HERE / "bool_digitize.npy", np.digitize(x, [0.5]).astype(np.int64))
        np.save(HERE / "bool_argwhere.npy", np.argwhere(x).astype(np.int64))
        np.save(HERE / "bool_flatnonzero.npy", np.flatnonzero(x).astype(np.int64))
        np.save(HERE / "bool_median.npy", np.asarray(np.median(x)))
        np.save(HERE / "bool_searchsorted.npy", np.searchsorted(np.sort(x), v).astype(np.int64))
        np.save(HERE / "bool_union1d.npy", np.union1d(x, v))
        np.save(HERE / "bool_histogram.npy", np.histogram(x, bins=2, range=(0, 1))[0].astype(np.float64))
    write_stores()


def write_stores():
    import h5py
    import zarr

    stores = HERE / "stores"
    shutil.rmtree(stores, ignore_errors=True)
    stores.mkdir()
    with h5py.File(stores / "small_dtypes.h5", "w") as f:
        for d in ["int8", "uint8", "int16", "uint16", "uint32", "uint64", "float16"]:
            x, _ = inputs(d)
            z = zarr.open(str(stores / f"{d}.zarr"), mode="w", shape=x.shape, chunks=(2, 3), dtype=d, fill_value=3)
            z[...] = x
            f.create_dataset(d, data=x, chunks=(2, 3), compression="gzip")


if __name__ == "__main__":
    main()
