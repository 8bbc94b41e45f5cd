"""BLS12-381 signature verification for drand quicknet (`bls-unchained-g1-rfc9380`), Python 3 standard library only.

Written from docs/sc-draw-1.md section 4.3 and RFC 9380 (hash to curve) alone: signatures in G1 (48 bytes), public
keys in G2 (96 bytes), BLS "minimal-signature-size". `verify(public_key, message, signature)` checks, in order:

- point decoding (Zcash compressed): the compression flag set, the infinity flag clear, each coordinate < p, the
  point on its curve, y chosen by the sign flag;
- subgroup checks: r·P = O for the signature (G1) and the public key (G2);
- hash to G1: suite BLS12381G1_XMD:SHA-256_SSWU_RO_ (RFC 9380 §5.3.1 expand_message_xmd, §5.2 hash_to_field,
  §6.6.2 simplified SWU with Z = 11, the 11-isogeny of §8.8.1 / Appendix E.2, clear_cofactor with h_eff);
- the pairing equation e(signature, g2) = e(H(m), public key), as e(−signature, g2) · e(H(m), public key) = 1
  with the optimal ate pairing.

Plain affine arithmetic and a schoolbook Fp12: slow (about a second a signature) but short enough to read.
"""
import hashlib

P = 0x1A0111EA397FE69A4B1BA7B6434BACD764774B84F38512BF6730D2A0F6B0F6241EABFFFEB153FFFFB9FEFFFFFFFFAAAB
R = 0x73EDA753299D7D483339D80809A1D80553BDA402FFFE5BFEFFFFFFFF00000001
HALF_P = (P - 1) // 2
ATE_LOOP = 0xD201000000010000  # |x|, the curve parameter x = -0xd201000000010000
DST = b"BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_"


def inv(a: int) -> int:
    return pow(a, P - 2, P)


def sqrt_fp(a: int):
    """A square root in Fp (p ≡ 3 mod 4), or None."""
    y = pow(a, (P + 1) // 4, P)
    return y if y * y % P == a % P else None


# --- Fp2 = Fp[u]/(u² + 1), as (c0, c1) -------------------------------------------------------------------------------
def f2add(a, b):
    return ((a[0] + b[0]) % P, (a[1] + b[1]) % P)


def f2sub(a, b):
    return ((a[0] - b[0]) % P, (a[1] - b[1]) % P)


def f2mul(a, b):
    return ((a[0] * b[0] - a[1] * b[1]) % P, (a[0] * b[1] + a[1] * b[0]) % P)


def f2inv(a):
    n = inv(a[0] * a[0] + a[1] * a[1])
    return (a[0] * n % P, -a[1] * n % P)


def f2neg(a):
    return (-a[0] % P, -a[1] % P)


def sqrt_fp2(a):
    """A square root in Fp2, or None."""
    if a[1] == 0:
        s = sqrt_fp(a[0])
        if s is not None:
            return (s, 0)
        s = sqrt_fp(-a[0] % P)
        return None if s is None else (0, s)
    alpha = sqrt_fp((a[0] * a[0] + a[1] * a[1]) % P)
    if alpha is None:
        return None
    for sign in (1, -1):
        x0 = sqrt_fp((a[0] + sign * alpha) * inv(2) % P)
        if x0:
            root = (x0, a[1] * inv(2 * x0) % P)
            if f2mul(root, root) == (a[0] % P, a[1] % P):
                return root
    return None


# --- curve points, affine, None = the point at infinity --------------------------------------------------------------
class Field:
    """The arithmetic a curve's coordinates need: Fp for G1, Fp2 for G2."""

    def __init__(self, add, sub, mul, inverse, zero, const):
        self.add, self.sub, self.mul, self.inv, self.zero, self.const = add, sub, mul, inverse, zero, const


FP = Field(lambda a, b: (a + b) % P, lambda a, b: (a - b) % P, lambda a, b: a * b % P, inv, 0, lambda n: n % P)
FP2 = Field(f2add, f2sub, f2mul, f2inv, (0, 0), lambda n: (n % P, 0))


def add_with_slope(F: Field, p1, p2):
    """p1 + p2 and the slope of the line through them (None when the result is infinity or an operand is)."""
    if p1 is None or p2 is None:
        return (p2 if p1 is None else p1), None
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2:
        if F.add(y1, y2) == F.zero:
            return None, None
        slope = F.mul(F.mul(F.const(3), F.mul(x1, x1)), F.inv(F.mul(F.const(2), y1)))
    else:
        slope = F.mul(F.sub(y2, y1), F.inv(F.sub(x2, x1)))
    x3 = F.sub(F.sub(F.mul(slope, slope), x1), x2)
    return (x3, F.sub(F.mul(slope, F.sub(x1, x3)), y1)), slope


def multiply(F: Field, point, k: int):
    result = None
    while k:
        if k & 1:
            result = add_with_slope(F, result, point)[0]
        point = add_with_slope(F, point, point)[0]
        k >>= 1
    return result


# --- point decoding (section 4.3: Zcash compressed) ------------------------------------------------------------------
def decode_g1(data: bytes):
    if len(data) != 48 or not data[0] & 0x80 or data[0] & 0x40:
        raise ValueError("not a compressed, non-identity G1 point")
    x = int.from_bytes(bytes([data[0] & 0x1F]) + data[1:], "big")
    y = sqrt_fp((x**3 + 4) % P) if x < P else None
    if y is None:
        raise ValueError("x is not on G1")
    return (x, y if (y > HALF_P) == bool(data[0] & 0x20) else P - y)


def decode_g2(data: bytes):
    if len(data) != 96 or not data[0] & 0x80 or data[0] & 0x40:
        raise ValueError("not a compressed, non-identity G2 point")
    x = (int.from_bytes(data[48:], "big"), int.from_bytes(bytes([data[0] & 0x1F]) + data[1:48], "big"))  # c1 first
    y = sqrt_fp2(f2add(f2mul(x, f2mul(x, x)), (4, 4))) if max(x) < P else None
    if y is None:
        raise ValueError("x is not on G2")
    larger = y[1] > HALF_P if y[1] else y[0] > HALF_P
    return (x, y if larger == bool(data[0] & 0x20) else f2neg(y))


G2 = decode_g2(bytes.fromhex(
    "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"
    "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"
))


# --- hash to G1: RFC 9380, suite BLS12381G1_XMD:SHA-256_SSWU_RO_ -----------------------------------------------------
def expand_message_xmd(msg: bytes, dst: bytes, length: int) -> bytes:
    """RFC 9380 §5.3.1 with SHA-256."""
    dst_prime = dst + bytes([len(dst)])
    b0 = hashlib.sha256(bytes(64) + msg + length.to_bytes(2, "big") + b"\0" + dst_prime).digest()
    blocks = [hashlib.sha256(b0 + b"\1" + dst_prime).digest()]
    for i in range(2, (length + 31) // 32 + 1):
        blocks.append(hashlib.sha256(bytes(a ^ b for a, b in zip(b0, blocks[-1])) + bytes([i]) + dst_prime).digest())
    return b"".join(blocks)[:length]


# The 11-isogenous curve E': y² = x³ + A'x + B' and the isogeny map's coefficients (RFC 9380 §8.8.1, Appendix E.2),
# constant term first.
ISO_A = 0x144698A3B8E9433D693A02C96D4982B0EA985383EE66A8D8E8981AEFD881AC98936F8DA0E0F97F5CF428082D584C1D
ISO_B = 0x12E2908D11688030018B12E8753EEE3B2016C1F0F24F4070A0B9C14FCEF35EF55A23215A316CEAA5D1CC48E98E172BE0
SSWU_Z = 11
H_EFF = 0xD201000000010001


def _coefficients(text: str):
    return [int(word, 16) for word in text.split()]


X_NUM = _coefficients("""
11a05f2b1e833340b809101dd99815856b303e88a2d7005ff2627b56cdb4e2c85610c2d5f2e62d6eaeac1662734649b7
17294ed3e943ab2f0588bab22147a81c7c17e75b2f6a8417f565e33c70d1e86b4838f2a6f318c356e834eef1b3cb83bb
d54005db97678ec1d1048c5d10a9a1bce032473295983e56878e501ec68e25c958c3e3d2a09729fe0179f9dac9edcb0
1778e7166fcc6db74e0609d307e55412d7f5e4656a8dbf25f1b33289f1b330835336e25ce3107193c5b388641d9b6861
e99726a3199f4436642b4b3e4118e5499db995a1257fb3f086eeb65982fac18985a286f301e77c451154ce9ac8895d9
1630c3250d7313ff01d1201bf7a74ab5db3cb17dd952799b9ed3ab9097e68f90a0870d2dcae73d19cd13c1c66f652983
d6ed6553fe44d296a3726c38ae652bfb11586264f0f8ce19008e218f9c86b2a8da25128c1052ecaddd7f225a139ed84
17b81e7701abdbe2e8743884d1117e53356de5ab275b4db1a682c62ef0f2753339b7c8f8c8f475af9ccb5618e3f0c88e
80d3cf1f9a78fc47b90b33563be990dc43b756ce79f5574a2c596c928c5d1de4fa295f296b74e956d71986a8497e317
169b1f8e1bcfa7c42e0c37515d138f22dd2ecb803a0c5c99676314baf4bb1b7fa3190b2edc0327797f241067be390c9e
10321da079ce07e272d8ec09d2565b0dfa7dccdde6787f96d50af36003b14866f69b771f8c285decca67df3f1605fb7b
6e08c248e260e70bd1e962381edee3d31d79d7e22c837bc23c0bf1bc24c6b68c24b1b80b64d391fa9c8ba2e8ba2d229
""")
X_DEN = _coefficients("""
8ca8d548cff19ae18b2e62f4bd3fa6f01d5ef4ba35b48ba9c9588617fc8ac62b558d681be343df8993cf9fa40d21b1c
12561a5deb559c4348b4711298e536367041e8ca0cf0800c0126c2588c48bf5713daa8846cb026e9e5c8276ec82b3bff
b2962fe57a3225e8137e629bff2991f6f89416f5a718cd1fca64e00b11aceacd6a3d0967c94fedcfcc239ba5cb83e19
3425581a58ae2fec83aafef7c40eb545b08243f16b1655154cca8abc28d6fd04976d5243eecf5c4130de8938dc62cd8
13a8e162022914a80a6f1d5f43e7a07dffdfc759a12062bb8d6b44e833b306da9bd29ba81f35781d539d395b3532a21e
e7355f8e4e667b955390f7f0506c6e9395735e9ce9cad4d0a43bcef24b8982f7400d24bc4228f11c02df9a29f6304a5
772caacf16936190f3e0c63e0596721570f5799af53a1894e2e073062aede9cea73b3538f0de06cec2574496ee84a3a
14a7ac2a9d64a8b230b3f5b074cf01996e7f63c21bca68a81996e1cdf9822c580fa5b9489d11e2d311f7d99bbdcc5a5e
a10ecf6ada54f825e920b3dafc7a3cce07f8d1d7161366b74100da67f39883503826692abba43704776ec3a79a1d641
95fc13ab9e92ad4476d6e3eb3a56680f682b4ee96f7d03776df533978f31c1593174e4b4b7865002d6384d168ecdd0a
1
""")
Y_NUM = _coefficients("""
90d97c81ba24ee0259d1f094980dcfa11ad138e48a869522b52af6c956543d3cd0c7aee9b3ba3c2be9845719707bb33
134996a104ee5811d51036d776fb46831223e96c254f383d0f906343eb67ad34d6c56711962fa8bfe097e75a2e41c696
cc786baa966e66f4a384c86a3b49942552e2d658a31ce2c344be4b91400da7d26d521628b00523b8dfe240c72de1f6
1f86376e8981c217898751ad8746757d42aa7b90eeb791c09e4a3ec03251cf9de405aba9ec61deca6355c77b0e5f4cb
8cc03fdefe0ff135caf4fe2a21529c4195536fbe3ce50b879833fd221351adc2ee7f8dc099040a841b6daecf2e8fedb
16603fca40634b6a2211e11db8f0a6a074a7d0d4afadb7bd76505c3d3ad5544e203f6326c95a807299b23ab13633a5f0
4ab0b9bcfac1bbcb2c977d027796b3ce75bb8ca2be184cb5231413c4d634f3747a87ac2460f415ec961f8855fe9d6f2
987c8d5333ab86fde9926bd2ca6c674170a05bfe3bdd81ffd038da6c26c842642f64550fedfe935a15e4ca31870fb29
9fc4018bd96684be88c9e221e4da1bb8f3abd16679dc26c1e8b6e6a1f20cabe69d65201c78607a360370e577bdba587
e1bba7a1186bdb5223abde7ada14a23c42a0ca7915af6fe06985e7ed1e4d43b9b3f7055dd4eba6f2bafaaebca731c30
19713e47937cd1be0dfd0b8f1d43fb93cd2fcbcb6caf493fd1183e416389e61031bf3a5cce3fbafce813711ad011c132
18b46a908f36f6deb918c143fed2edcc523559b8aaf0c2462e6bfe7f911f643249d9cdf41b44d606ce07c8a4d0074d8e
b182cac101b9399d155096004f53f447aa7b12a3426b08ec02710e807b4633f06c851c1919211f20d4c04f00b971ef8
245a394ad1eca9b72fc00ae7be315dc757b3b080d4c158013e6632d3c40659cc6cf90ad1c232a6442d9d3f5db980133
5c129645e44cf1102a159f748c4a3fc5e673d81d7e86568d9ab0f5d396a7ce46ba1049b6579afb7866b1e715475224b
15e6be4e990f03ce4ea50b3b42df2eb5cb181d8f84965a3957add4fa95af01b2b665027efec01c7704b456be69c8b604
""")
Y_DEN = _coefficients("""
16112c4c3a9c98b252181140fad0eae9601a6de578980be6eec3232b5be72e7a07f3688ef60c206d01479253b03663c1
1962d75c2381201e1a0cbd6c43c348b885c84ff731c4d59ca4a10356f453e01f78a4260763529e3532f6102c2e49a03d
58df3306640da276faaae7d6e8eb15778c4855551ae7f310c35a5dd279cd2eca6757cd636f96f891e2538b53dbf67f2
16b7d288798e5395f20d23bf89edb4d1d115c5dbddbcd30e123da489e726af41727364f2c28297ada8d26d98445f5416
be0e079545f43e4b00cc912f8228ddcc6d19c9f0f69bbb0542eda0fc9dec916a20b15dc0fd2ededda39142311a5001d
8d9e5297186db2d9fb266eaac783182b70152c65550d881c5ecd87b6f0f5a6449f38db9dfa9cce202c6477faaf9b7ac
166007c08a99db2fc3ba8734ace9824b5eecfdfa8d0cf8ef5dd365bc400a0051d5fa9c01a58b1fb93d1a1399126a775c
16a3ef08be3ea7ea03bcddfabba6ff6ee5a4375efa1f4fd7feb34fd206357132b920f5b00801dee460ee415a15812ed9
1866c8ed336c61231a1be54fd1d74cc4f9fb0ce4c6af5920abc5750c4bf39b4852cfe2f7bb9248836b233d9d55535d4a
167a55cda70a6e1cea820597d94a84903216f763e13d87bb5308592e7ea7d4fbc7385ea3d529b35e346ef48bb8913f55
4d2f259eea405bd48f010a01ad2911d9c6dd039bb61a6290e591b36e636a5c871a5c29f4f83060400f8b49cba8f6aa8
accbb67481d033ff5852c1e48c50c477f94ff8aefce42d28c0f9a88cea7913516f968986f7ebbea9684b529e2561092
ad6b9514c767fe3c3613144b45f1496543346d98adf02267d5ceef9a00d9b8693000763e3b90ac11e99b138573345cc
2660400eb2e4f3b628bdd0d53cd76f2bf565b94e72927c1cb748df27942480e420517bd8714cc80d1fadc1326ed06f7
e0fa1d816ddc03e6b24255e0d7819c171c40f65e273b853324efcd6356caa205ca2f570f13497804415473a1d634b8f
1
""")


def polynomial(coefficients, x: int) -> int:
    acc = 0
    for c in reversed(coefficients):
        acc = (acc * x + c) % P
    return acc


def simplified_swu(u: int):
    """RFC 9380 §6.6.2 onto E', straight-line form without the constant-time tricks."""
    tv = (SSWU_Z * SSWU_Z * pow(u, 4, P) + SSWU_Z * u * u) % P
    x1 = (-ISO_B * inv(ISO_A) * (1 + inv(tv))) % P if tv else ISO_B * inv(SSWU_Z * ISO_A) % P
    x, y = x1, sqrt_fp((x1**3 + ISO_A * x1 + ISO_B) % P)
    if y is None:
        x = SSWU_Z * u * u * x1 % P
        y = sqrt_fp((x**3 + ISO_A * x + ISO_B) % P)
    return (x, y if u % 2 == y % 2 else P - y)  # sgn0(y) = sgn0(u)


def isogeny(point):
    x, y = point
    return (polynomial(X_NUM, x) * inv(polynomial(X_DEN, x)) % P, y * polynomial(Y_NUM, x) * inv(polynomial(Y_DEN, x)) % P)


def hash_to_g1(msg: bytes, dst: bytes = DST):
    uniform = expand_message_xmd(msg, dst, 128)  # hash_to_field: count 2, L = 64
    u0, u1 = (int.from_bytes(uniform[i : i + 64], "big") % P for i in (0, 64))
    q = add_with_slope(FP, isogeny(simplified_swu(u0)), isogeny(simplified_swu(u1)))[0]
    return multiply(FP, q, H_EFF)


# --- the pairing: Fp12 = Fp[w]/(w¹² − 2w⁶ + 2), so u = w⁶ − 1; elements as 12 coefficients ----------------------------
def f12mul(a, b):
    t = [0] * 23
    for i, ai in enumerate(a):
        if ai:
            for j, bj in enumerate(b):
                if bj:
                    t[i + j] += ai * bj
    for k in range(22, 11, -1):  # w^k = 2w^(k−6) − 2w^(k−12)
        if t[k]:
            t[k - 6] += 2 * t[k]
            t[k - 12] -= 2 * t[k]
    return [c % P for c in t[:12]]


def f12sub(a, b):
    return [(x - y) % P for x, y in zip(a, b)]


def f12pow(a, e: int):
    result = ONE
    for bit in bin(e)[2:]:
        result = f12mul(result, result)
        if bit == "1":
            result = f12mul(result, a)
    return result


def from_fp(a: int):
    return [a] + [0] * 11


def from_fp2(a):
    return [(a[0] - a[1]) % P] + [0] * 5 + [a[1]] + [0] * 5


ONE = from_fp(1)
W_INV = [0] * 5 + [1] + [0] * 5 + [-inv(2) % P]  # w⁻¹ = w⁵ − w¹¹/2
W_INV2 = f12mul(W_INV, W_INV)
W_INV3 = f12mul(W_INV2, W_INV)


def untwist(q):
    """A G2 point (on y² = x³ + 4(1 + u) = x³ + 4w⁶) on the curve y² = x³ + 4 over Fp12: (x/w², y/w³)."""
    return f12mul(from_fp2(q[0]), W_INV2), f12mul(from_fp2(q[1]), W_INV3)


def line(t, slope, p):
    """The line through G2 point t with the slope (in G2 coordinates; None: vertical), at G1 point p."""
    x, y = untwist(t)
    if slope is None:
        return f12sub(from_fp(p[0]), x)
    return f12sub(f12mul(f12mul(from_fp2(slope), W_INV), f12sub(from_fp(p[0]), x)), f12sub(from_fp(p[1]), y))


def miller_loop(q, p):
    t, f = q, ONE
    for i in range(ATE_LOOP.bit_length() - 2, -1, -1):
        doubled, slope = add_with_slope(FP2, t, t)
        f = f12mul(f12mul(f, f), line(t, slope, p))
        t = doubled
        if ATE_LOOP >> i & 1:
            summed, slope = add_with_slope(FP2, t, q)
            f = f12mul(f, line(t, slope, p))
            t = summed
    return f


FINAL_EXPONENT = (P**12 - 1) // R


def pairings_are_one(pairs) -> bool:
    """Whether the product of e(p, q) over (q, p) pairs is 1. The loop runs on |x| (x < 0): the product is then the
    inverse of the true one, which is 1 exactly when the true one is."""
    f = ONE
    for q, p in pairs:
        f = f12mul(f, miller_loop(q, p))
    return f12pow(f, FINAL_EXPONENT) == ONE


def verify(public_key: bytes, message: bytes, signature: bytes) -> bool:
    """Whether `signature` (G1, 48 bytes) signs `message` under `public_key` (G2, 96 bytes)."""
    try:
        key, sig = decode_g2(public_key), decode_g1(signature)
    except ValueError:
        return False
    if multiply(FP, sig, R) is not None or multiply(FP2, key, R) is not None:
        return False
    return pairings_are_one([(G2, (sig[0], -sig[1] % P)), (key, hash_to_g1(message))])
