#!/usr/bin/env python3
"""Writes the NumPy answers the shape, construction and einsum tests compare against.

Run with NumPy 1.24 (Debian's python3-numpy): /usr/bin/python3 make_fixtures.py. Each output is
one small .npy file named after the expression; the inputs are saved too, and the tests read
them back and cut them into uneven chunks, so nothing here depends on MiniDask.
"""
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent

a = np.arange(30, dtype=np.float64).reshape(5, 6) * 0.5 - 4
a[1, 2] = np.nan
v = np.array([1.5, -2.0, 3.0, 0.25, 7.0])
b = np.arange(24, dtype=np.float64).reshape(2, 3, 4) - 7
c = np.arange(12, dtype=np.float64).reshape(4, 3) / 4 + 1
m = np.arange(20, dtype=np.float64).reshape(4, 5) % 7 - 2
i = np.arange(12, dtype=np.int64).reshape(3, 4) * 3 - 10

cases = {
    "a": a, "v": v, "b": b, "c": c, "m": m, "i": i,
    "pad_constant": np.pad(a, ((1, 2), (0, 3)), constant_values=9.0),
    "pad_edge": np.pad(a, ((2, 1), (3, 0)), mode="edge"),
    "pad_reflect": np.pad(a, ((2, 6), (1, 7)), mode="reflect"),
    "pad_symmetric": np.pad(a, ((2, 6), (1, 7)), mode="symmetric"),
    # Widths within the axis: NumPy 1.24 wraps wider pads differently from NumPy 2 (strict periods).
    "pad_wrap": np.pad(a, ((2, 5), (6, 3)), mode="wrap"),
    "pad_v_reflect": np.pad(v, 9, mode="reflect"),
    "pad_v_symmetric_wide": np.pad(v, (1, 13), mode="symmetric"),
    "pad_v_reflect_wide": np.pad(v, (11, 2), mode="reflect"),
    "tile_a_2_3": np.tile(a, (2, 3)),
    "tile_v_2_1_2": np.tile(v, (2, 1, 2)),
    "repeat_a_3_axis1": np.repeat(a, 3, axis=1),
    "repeat_b_2": np.repeat(b, 2),
    "roll_a_2_axis0": np.roll(a, 2, axis=0),
    "roll_a_m7_axis1": np.roll(a, -7, axis=1),
    "roll_b_5": np.roll(b, 5),
    "rot90_a_1": np.rot90(a, 1),
    "rot90_a_2": np.rot90(a, 2),
    "rot90_a_3": np.rot90(a, 3),
    "rot90_b_1_axes12": np.rot90(b, 1, axes=(1, 2)),
    "moveaxis_b_0_2": np.moveaxis(b, 0, 2),
    "swapaxes_b_0_2": np.swapaxes(b, 0, 2),
    "diag_v": np.diag(v),
    "diag_v_2": np.diag(v, 2),
    "diag_v_m1": np.diag(v, -1),
    "diag_a_1": np.diag(a, 1),
    "diagonal_b_0_1_2": np.diagonal(b, 0, 1, 2),
    "diagonal_b_m1_2_0": np.diagonal(b, -1, 2, 0),
    "tril_a_m1": np.tril(a, -1),
    "triu_a_2": np.triu(a, 2),
    "triu_b": np.triu(b),
    "diff_a_axis1": np.diff(a, axis=1),
    "diff_a_2_axis0": np.diff(a, n=2, axis=0),
    "diff_v_prepend": np.diff(v, prepend=np.array([0.0]), append=np.array([10.0])),
    "gradient_m_axis0": np.gradient(m, axis=0),
    "gradient_m_axis1_h2": np.gradient(m, 2.0, axis=1),
    "gradient_i_axis1": np.gradient(i, axis=1),
    "kron_c_m": np.kron(c, m),
    "kron_v_c": np.kron(v, c),
    "outer_v_c": np.outer(v, c),
    "einsum_ij_jk": np.einsum("ij,jk->ik", m.T, c),
    "einsum_ij_ji": np.einsum("ij->ji", a),
    "einsum_ii": np.einsum("ii", m[:4, :4]),
    "einsum_ii_i": np.einsum("ii->i", m[:4, :4]),
    "einsum_bij_bjk": np.einsum("bij,bjk->bik", b, np.arange(40.0).reshape(2, 4, 5)),
    "einsum_i_i": np.einsum("i,i", v, v),
    "einsum_i_j": np.einsum("i,j", v, v[:3]),
    "einsum_ijk_implicit": np.einsum("kji", b),
    "einsum_ell": np.einsum("...ij,...jk->...ik", b, np.arange(40.0).reshape(2, 4, 5)),
    "einsum_ell_sum": np.einsum("i...->...", b),
    "einsum_three": np.einsum("ij,jk,kl->il", m, m.T, c[:4, :]),
    "einsum_broadcast": np.einsum("ij,j->ij", a, v[:1].repeat(6)),
    "coarsen_sum": np.add.reduceat(np.add.reduceat(a[:4, :6], [0, 2], axis=0), [0, 3], axis=1),
    "meshgrid_xy_0": np.meshgrid(v, v[:3])[0],
    "meshgrid_xy_1": np.meshgrid(v, v[:3])[1],
    "meshgrid_ij_0": np.meshgrid(v, v[:3], indexing="ij")[0],
    "indices_3_4": np.indices((3, 4)),
    "choose": np.choose(np.array([[0, 1, 2], [2, 1, 0]]), [np.full((2, 3), 10.0), np.arange(6.0).reshape(2, 3), np.array([-1.0, -2, -3])]),
    "select": np.select([v > 2, v < 0], [v * 10, v * 100], default=-1.0),
    "block": np.block([[m, c[:4, :2]], [v[None, :], np.zeros((1, 2))]]),
    "hstack": np.hstack([a, a[:, :2]]),
    "hstack_1d": np.hstack([v, v[:2]]),
    "vstack": np.vstack([v, v * 2]),
    "dstack": np.dstack([m, m + 1]),
}

for name, value in cases.items():
    np.save(OUT / f"{name}.npy", np.array(value, order="C"))
