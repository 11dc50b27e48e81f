// SPDX-License-Identifier: MIT
pragma solidity 0.8.26;

/// @notice The smallest identity registry with the read that Trusset's and ERC-3643's identity
/// registries expose: `isVerified(address)`. Only its deployer marks a wallet verified or not.
contract IdentityRegistry {
    address public immutable owner;
    mapping(address => bool) private verified;

    /// @notice `wallet` was marked verified (`true`) or not (`false`).
    event VerificationSet(address indexed wallet, bool verified);

    /// @notice `caller` is not the owner, the only account that may mark wallets.
    error NotOwner(address caller);

    constructor() {
        owner = msg.sender;
    }

    /// @notice Whether `wallet` is verified.
    function isVerified(address wallet) external view returns (bool) {
        return verified[wallet];
    }

    /// @notice Marks `wallet` verified or not; the owner only.
    function setVerified(address wallet, bool verified_) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        verified[wallet] = verified_;
        emit VerificationSet(wallet, verified_);
    }
}
