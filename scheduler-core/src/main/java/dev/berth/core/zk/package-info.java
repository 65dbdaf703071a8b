/**
 * ZooKeeper helpers shared by the stores that keep state there: the master's registry ({@code state}) and the
 * services' state stores ({@code sdk.state}).
 */
package dev.berth.core.zk;
