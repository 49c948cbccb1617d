/**
 * Kubernetes' resource amounts and int-or-string fields, as upstream's {@code k8s.io/apimachinery}
 * ({@code api/resource} and {@code util/intstr}) behaves in Kubernetes v1.32.
 *
 * <p>{@link io.ksim.api.resource.Quantity} parses, prints, compares and adds quantities such as
 * {@code 500m} CPU and {@code 128Mi} memory exactly: the same accepted texts, error messages, rounding,
 * formats and printed texts as upstream, checked against upstream's own test vectors.
 * {@link io.ksim.api.resource.IntOrString} holds a Deployment's {@code maxSurge} or a Service's
 * {@code targetPort} and scales percentages as upstream. Both read and write JSON and YAML through Jackson
 * as upstream's JSON encoding does.
 *
 * <p>Where this package knowingly differs from upstream, each time because upstream's result is a defect:
 * <ul>
 *   <li>A DecimalSI value whose power of ten is beyond E or below n prints with a decimal exponent
 *       ({@code "1000E"} prints {@code 1e21}); v1.32 printed it with no suffix ({@code 1}), silently changing
 *       the value, which upstream has since fixed the same way.</li>
 *   <li>A BinarySI sum of 2^70 or more keeps its Ei suffix ({@code 1024Ei}) where upstream would print no
 *       suffix. Parsing caps BinarySI at 2^63-1, so only sums get there.</li>
 *   <li>Integer accessors ({@code value()}, {@code milliValue()}) throw {@link java.lang.ArithmeticException}
 *       when the result does not fit in a long, where upstream returns a silently wrapped number; and they
 *       round negative values away from zero in every case, where upstream does so only for quantities it
 *       holds in its int64 form.</li>
 *   <li>A decimal exponent within the fraction's digit count of -2^31 does not wrap around to a huge
 *       positive scale as upstream's 32-bit arithmetic does; absurd exponents ({@code 1e-2147483648},
 *       {@code 1e2147483647}) parse here, where upstream takes unbounded time on them.</li>
 * </ul>
 * Not modelled: protobuf and CBOR encodings, {@code AsApproximateFloat64}, {@code RoundUp} and {@code Mul},
 * the deprecated {@code GetValueFromIntOrPercent}, and the way {@code kubectl} turns YAML numbers into JSON
 * through float64 (so YAML {@code cpu: 1e3} reaches the API server as {@code 1k}; here the number's own
 * text is parsed and it stays {@code 1e3}).
 */
package io.ksim.api.resource;
