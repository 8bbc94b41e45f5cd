;; The scoring kernel: each indicator's weighted points added to its category's running sums for a block of
;; entities, then the categories combined into scores, two entities at a time (f64x2: WebAssembly SIMD, in every
;; Node since 16.4 and every current browser). shared/scoring/score.ts copies each column's block into memory and
;; calls one function per indicator, then `combine`.
;;
;; Offsets are bytes into this module's memory: `col` (the indicator's values, NaN = missing), `sum` and `weight`
;; (its category's sums of weighted points and of the weights of the indicators with data), `cov` (coverage: the
;; shares of the model's weight the data back). `n` is the entities in the block, even (the caller pads an odd
;; block with NaN). A missing value adds nothing: `present` is all ones where v = v (not NaN) and masks every
;; addition, so a missing value adds exactly +0 and leaves the sums as they were. Each running sum is added to
;; once per indicator, in the model's order, as the scalar loops this replaced did: the same scores, bit for bit.
;;
;; Regenerate the binary after editing: npm run scoring-kernel (test/unit/scoring.test.ts checks it is current).
(module
  (memory (export "memory") 1)

  ;; linear: clamp((v - worst) · scale, 0, ceiling); pmax(0, s) is 0 for NaN as for s ≤ 0.
  (func (export "linear") (param $col i32) (param $n i32) (param $sum i32) (param $weight i32) (param $cov i32)
        (param $w f64) (param $share f64) (param $worst f64) (param $scale f64) (param $ceiling f64)
    (local $i i32) (local $end i32) (local $v v128) (local $present v128) (local $at i32)
    (local $w2 v128) (local $share2 v128) (local $worst2 v128) (local $scale2 v128) (local $ceiling2 v128)
    (local.set $w2 (f64x2.splat (local.get $w)))
    (local.set $share2 (f64x2.splat (local.get $share)))
    (local.set $worst2 (f64x2.splat (local.get $worst)))
    (local.set $scale2 (f64x2.splat (local.get $scale)))
    (local.set $ceiling2 (f64x2.splat (local.get $ceiling)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $v (v128.load (i32.add (local.get $col) (local.get $i))))
      (local.set $present (f64x2.eq (local.get $v) (local.get $v)))
      (local.set $at (i32.add (local.get $sum) (local.get $i)))
      (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at))
        (f64x2.pmin (local.get $ceiling2)
          (f64x2.pmax (v128.const f64x2 0 0) (f64x2.mul (f64x2.sub (local.get $v) (local.get $worst2)) (local.get $scale2))))))
      (local.set $at (i32.add (local.get $weight) (local.get $i)))
      (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (v128.and (local.get $present) (local.get $w2))))
      (local.set $at (i32.add (local.get $cov) (local.get $i)))
      (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (v128.and (local.get $present) (local.get $share2))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next))))

  ;; flag: `whenTrue` points for a value other than 0, `whenFalse` for 0.
  (func (export "flag") (param $col i32) (param $n i32) (param $sum i32) (param $weight i32) (param $cov i32)
        (param $w f64) (param $share f64) (param $whenFalse f64) (param $whenTrue f64)
    (local $i i32) (local $end i32) (local $v v128) (local $present v128) (local $at i32)
    (local $w2 v128) (local $share2 v128) (local $false2 v128) (local $true2 v128)
    (local.set $w2 (f64x2.splat (local.get $w)))
    (local.set $share2 (f64x2.splat (local.get $share)))
    (local.set $false2 (f64x2.splat (local.get $whenFalse)))
    (local.set $true2 (f64x2.splat (local.get $whenTrue)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $v (v128.load (i32.add (local.get $col) (local.get $i))))
      (local.set $present (f64x2.eq (local.get $v) (local.get $v)))
      (local.set $at (i32.add (local.get $sum) (local.get $i)))
      (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at))
        (v128.and (local.get $present)
          (v128.bitselect (local.get $true2) (local.get $false2) (f64x2.ne (local.get $v) (v128.const f64x2 0 0))))))
      (local.set $at (i32.add (local.get $weight) (local.get $i)))
      (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (v128.and (local.get $present) (local.get $w2))))
      (local.set $at (i32.add (local.get $cov) (local.get $i)))
      (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (v128.and (local.get $present) (local.get $share2))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next))))

  ;; steps: `table` holds f64 pairs [points₀, threshold₀, points₁, threshold₁, …, pointsₜ] for `thresholds`
  ;; rising thresholds; a value above threshold k takes points k+1. Rising, so the last threshold below the value
  ;; decides, as "the number of thresholds below it" does in explain().
  (func (export "steps") (param $col i32) (param $n i32) (param $sum i32) (param $weight i32) (param $cov i32)
        (param $w f64) (param $share f64) (param $table i32) (param $thresholds i32)
    (local $i i32) (local $end i32) (local $t i32) (local $last i32) (local $at i32)
    (local $v v128) (local $present v128) (local $points v128) (local $w2 v128) (local $share2 v128) (local $first v128)
    (local.set $w2 (f64x2.splat (local.get $w)))
    (local.set $share2 (f64x2.splat (local.get $share)))
    (local.set $first (v128.load64_splat (local.get $table)))
    (local.set $last (i32.add (local.get $table) (i32.shl (local.get $thresholds) (i32.const 4))))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $v (v128.load (i32.add (local.get $col) (local.get $i))))
      (local.set $present (f64x2.eq (local.get $v) (local.get $v)))
      (local.set $points (local.get $first))
      (local.set $t (local.get $table))
      (block $stepped (loop $step
        (br_if $stepped (i32.ge_u (local.get $t) (local.get $last)))
        (local.set $points
          (v128.bitselect (v128.load64_splat offset=16 (local.get $t)) (local.get $points)
            (f64x2.gt (local.get $v) (v128.load64_splat offset=8 (local.get $t)))))
        (local.set $t (i32.add (local.get $t) (i32.const 16)))
        (br $step)))
      (local.set $at (i32.add (local.get $sum) (local.get $i)))
      (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (v128.and (local.get $present) (local.get $points))))
      (local.set $at (i32.add (local.get $weight) (local.get $i)))
      (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (v128.and (local.get $present) (local.get $w2))))
      (local.set $at (i32.add (local.get $cov) (local.get $i)))
      (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (v128.and (local.get $present) (local.get $share2))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next))))

  ;; The `score` missing-data policy: a missing value adds its stated points and its weight, but no coverage.
  (func (export "missing") (param $col i32) (param $n i32) (param $sum i32) (param $weight i32)
        (param $w f64) (param $points f64)
    (local $i i32) (local $end i32) (local $absent v128) (local $at i32) (local $w2 v128) (local $points2 v128)
    (local.set $w2 (f64x2.splat (local.get $w)))
    (local.set $points2 (f64x2.splat (local.get $points)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $at (i32.add (local.get $col) (local.get $i)))
      (local.set $absent (f64x2.ne (v128.load (local.get $at)) (v128.load (local.get $at))))
      (local.set $at (i32.add (local.get $sum) (local.get $i)))
      (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (v128.and (local.get $absent) (local.get $points2))))
      (local.set $at (i32.add (local.get $weight) (local.get $i)))
      (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (v128.and (local.get $absent) (local.get $w2))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next))))

  ;; combine: each entity's score, the weighted mean of its categories' scores (sum / weight) over the categories
  ;; with data (weight > 0), NaN where none has; written over the first category's sums. `categoryWeights` holds
  ;; `categories` f64; each category's sums and weights are `stride` bytes after the previous one's.
  (func (export "combine") (param $n i32) (param $sum i32) (param $weight i32) (param $stride i32)
        (param $categoryWeights i32) (param $categories i32)
    (local $i i32) (local $end i32) (local $c i32) (local $at i32) (local $w v128) (local $has v128) (local $cw v128)
    (local $total v128) (local $totalWeight v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $total (v128.const f64x2 0 0))
      (local.set $totalWeight (v128.const f64x2 0 0))
      (local.set $c (i32.const 0))
      (local.set $at (local.get $i))
      (block $combined (loop $category
        (br_if $combined (i32.ge_u (local.get $c) (local.get $categories)))
        (local.set $w (v128.load (i32.add (local.get $weight) (local.get $at))))
        (local.set $has (f64x2.gt (local.get $w) (v128.const f64x2 0 0)))
        (local.set $cw (v128.load64_splat (i32.add (local.get $categoryWeights) (i32.shl (local.get $c) (i32.const 3)))))
        (local.set $total (f64x2.add (local.get $total) (v128.and (local.get $has)
          (f64x2.div (f64x2.mul (local.get $cw) (v128.load (i32.add (local.get $sum) (local.get $at)))) (local.get $w)))))
        (local.set $totalWeight (f64x2.add (local.get $totalWeight) (v128.and (local.get $has) (local.get $cw))))
        (local.set $at (i32.add (local.get $at) (local.get $stride)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $category)))
      (v128.store (i32.add (local.get $sum) (local.get $i))
        (v128.bitselect (f64x2.div (local.get $total) (local.get $totalWeight)) (v128.const f64x2 nan nan)
          (f64x2.gt (local.get $totalWeight) (v128.const f64x2 0 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next))))
)
