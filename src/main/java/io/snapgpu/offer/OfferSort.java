package io.snapgpu.offer;

/** PRICE: cheapest first; RELIABILITY: most reliable first; BOOT_TIME: fastest observed host boots first. */
public enum OfferSort { PRICE, RELIABILITY, BOOT_TIME }
