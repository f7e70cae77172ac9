/**
 * Who may use ARF's API: {@link dev.arf.core.access.Role roles} and hashed {@link
 * dev.arf.core.access.ApiTokens API tokens}, kept through the {@link dev.arf.core.access.ApiTokenStore}
 * port.
 */
package dev.arf.core.access;
