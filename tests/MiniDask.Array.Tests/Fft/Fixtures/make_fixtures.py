#!/usr/bin/env python3
"""Writes the NumPy answers the FFT and complex128 tests compare against.

Run with NumPy 1.24 (Debian's python3-numpy): /usr/bin/python3 make_fixtures.py. The inputs are
saved too (fixed seed), and the tests read them back and cut them into uneven chunks along the
axes that are not transformed, so nothing here depends on MiniDask. Complex arrays are saved
as '<c16'.
"""
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent
rng = np.random.default_rng(19)


def real(*shape):
    return rng.standard_normal(shape)


def cplx(*shape):
    return rng.standard_normal(shape) + 1j * rng.standard_normal(shape)


x10 = real(10)
x7 = real(7)
c9 = cplx(9)
c6 = cplx(6)
a2 = real(6, 5)
b2 = cplx(4, 7)
a3 = real(4, 3, 6)
b3 = cplx(3, 4, 5)
one = np.array([2.5])
empty = np.zeros((0, 4))

fft = np.fft
cases = {
    "x10": x10, "x7": x7, "c9": c9, "c6": c6, "a2": a2, "b2": b2, "a3": a3, "b3": b3, "one": one, "empty": empty,
    # One dimension: even and odd lengths, n padding and truncation, every norm.
    "fft_x10": fft.fft(x10),
    "fft_x7": fft.fft(x7),
    "fft_c9": fft.fft(c9),
    "fft_x10_n16": fft.fft(x10, n=16),
    "fft_x10_n6": fft.fft(x10, n=6),
    "fft_x7_ortho": fft.fft(x7, norm="ortho"),
    "fft_x7_forward": fft.fft(x7, norm="forward"),
    "ifft_c9": fft.ifft(c9),
    "ifft_c9_ortho": fft.ifft(c9, norm="ortho"),
    "ifft_c9_n12_forward": fft.ifft(c9, n=12, norm="forward"),
    "rfft_x10": fft.rfft(x10),
    "rfft_x7": fft.rfft(x7),
    "rfft_x10_n15": fft.rfft(x10, n=15),
    "rfft_x7_ortho": fft.rfft(x7, norm="ortho"),
    "irfft_c6": fft.irfft(c6),
    "irfft_c6_n11": fft.irfft(c6, n=11),
    "irfft_c6_n7_forward": fft.irfft(c6, n=7, norm="forward"),
    "hfft_c6": fft.hfft(c6),
    "hfft_c6_n9_ortho": fft.hfft(c6, n=9, norm="ortho"),
    "ihfft_x7": fft.ihfft(x7),
    "fft_one": fft.fft(one),
    "rfft_one": fft.rfft(one),
    "fft_empty_axis1": fft.fft(empty, axis=1),
    # Several dimensions, with axes.
    "fft_a2_axis0": fft.fft(a2, axis=0),
    "ifft_b2_axis0_n5": fft.ifft(b2, n=5, axis=0),
    "fft2_a2": fft.fft2(a2),
    "fft2_a2_s8_4": fft.fft2(a2, s=(8, 4)),
    "ifft2_b2": fft.ifft2(b2),
    "ifft2_b2_ortho": fft.ifft2(b2, norm="ortho"),
    "fftn_b3": fft.fftn(b3),
    "fftn_b3_axes02": fft.fftn(b3, axes=(0, 2)),
    "ifftn_b3_s2_6_axes20_ortho": fft.ifftn(b3, s=(2, 6), axes=(2, 0), norm="ortho"),
    "fftn_a3_s5_4": fft.fftn(a3, s=(5, 4)),
    "rfft2_a2": fft.rfft2(a2),
    "rfftn_a3": fft.rfftn(a3),
    "rfftn_a3_axes01": fft.rfftn(a3, axes=(0, 1)),
    "rfftn_a3_forward": fft.rfftn(a3, norm="forward"),
    "irfftn_rfftn_a3": fft.irfftn(fft.rfftn(a3)),
    "irfftn_rfftn_a3_s": fft.irfftn(fft.rfftn(a3), s=a3.shape),
    "irfft2_b2": fft.irfft2(b2),
    "irfftn_b3_s3_5_axes20": fft.irfftn(b3, s=(3, 5), axes=(2, 0)),
    # complex128 arithmetic and functions (NumPy's promotion and ufuncs).
    "c9_times_x_plus": c9 * c9[::-1] + (c9 - 2.5) / (c9 + 1j),
    "c9_sum": np.array(c9.sum()),
    "c9_mean": np.array(c9.mean()),
    "c9_prod": np.array(c9[:5].prod()),
    "b2_sum_axis0": b2.sum(axis=0),
    "b2_matmul": b2 @ b2.T.conj(),
    "b2_abs": np.abs(b2),
    "b2_angle": np.angle(b2),
    "b2_angle_deg": np.angle(b2, deg=True),
    "b2_power": b2 ** (0.5 + 0.25j),
    "a2_plus_c": a2 + (1 - 2j),
    "b2_top3_axis1": np.sort(b2, axis=1)[:, ::-1][:, :3],
    "b2_big_endian": b2.astype(">c16"),
}

for name, value in cases.items():
    np.save(OUT / f"{name}.npy", np.ascontiguousarray(value))
