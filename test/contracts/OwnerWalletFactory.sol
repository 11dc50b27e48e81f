// SPDX-License-Identifier: MIT
pragma solidity 0.8.26;

import {OwnerWallet} from "./OwnerWallet.sol";

/// @notice Deploys OwnerWallets with CREATE2, so a wallet's address is known before it exists (ERC-6492).
contract OwnerWalletFactory {
    /// @notice Deploys the wallet of `owner` and `salt`, or returns it if it exists already.
    function deploy(address owner, bytes32 salt) external returns (address wallet) {
        wallet = addressOf(owner, salt);
        if (wallet.code.length == 0) new OwnerWallet{salt: salt}(owner);
    }

    /// @notice The address `deploy(owner, salt)` gives, deployed or not.
    function addressOf(address owner, bytes32 salt) public view returns (address) {
        bytes32 initCode = keccak256(abi.encodePacked(type(OwnerWallet).creationCode, abi.encode(owner)));
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, initCode)))));
    }
}
