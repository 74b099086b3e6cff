/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup redirect_provider_fastpath redirect_provider_fastpath
 * @{ @ingroup redirect_provider
 */

#ifndef REDIRECT_PROVIDER_FASTPATH_H_
#define REDIRECT_PROVIDER_FASTPATH_H_

#include "redirect_provider_director.h"

typedef struct redirect_provider_fastpath_t redirect_provider_fastpath_t;

/**
 * Answers IKE_SA_INIT requests on the VIPs with a redirect before charon
 * creates an IKE_SA for them.
 *
 * charon creates the IKE_SA, generates its key exchange and nonce before it
 * asks a redirect provider, which makes a redirect cost most of a full
 * IKE_SA_INIT. The fast path sits between charon's socket and its receiver:
 * it reads each datagram, answers the IKE_SA_INIT requests the director
 * redirects (HDR, N(REDIRECT), no state kept, as for a cookie) and hands
 * every other datagram to charon unchanged. It runs on charon's receiver
 * thread and never blocks.
 *
 * Above cookie_threshold requests per second it first demands a cookie
 * (RFC 7296 section 2.6) and redirects only requests that bring a valid
 * one back: a flood from spoofed addresses then costs a stateless answer
 * each, and no reservation in the member table.
 */
struct redirect_provider_fastpath_t {

	/**
	 * Print counters as "name value" lines.
	 */
	void (*print)(redirect_provider_fastpath_t *this, FILE *out);

	/**
	 * Change the request rate above which cookies are demanded
	 * (swanctl --reload-settings); takes effect with the next request.
	 *
	 * @param threshold		requests per second, 0 for never
	 */
	void (*set_cookie_threshold)(redirect_provider_fastpath_t *this,
								 uint32_t threshold);

	/**
	 * Stop answering and give the receiver back to charon.
	 */
	void (*destroy)(redirect_provider_fastpath_t *this);
};

/**
 * Start the fast path. Only one can be active.
 *
 * @param director			decides and counts (borrowed)
 * @param cookie_threshold	requests per second above which a cookie is
 *							demanded, 0 never
 * @return					NULL if one is active already
 */
redirect_provider_fastpath_t *redirect_provider_fastpath_create(
									redirect_provider_director_t *director,
									uint32_t cookie_threshold);

#endif /** REDIRECT_PROVIDER_FASTPATH_H_ @}*/
