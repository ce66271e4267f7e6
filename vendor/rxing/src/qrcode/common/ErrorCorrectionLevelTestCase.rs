/*
 * Copyright 2008 ZXing authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

use super::ErrorCorrectionLevel;

/**
 * @author Sean Owen
 */

#[test]
fn testForBits() {
    assert_eq!(
        ErrorCorrectionLevel::M,
        ErrorCorrectionLevel::forBits(0).unwrap()
    );
    assert_eq!(
        ErrorCorrectionLevel::L,
        ErrorCorrectionLevel::forBits(1).unwrap()
    );
    assert_eq!(
        ErrorCorrectionLevel::H,
        ErrorCorrectionLevel::forBits(2).unwrap()
    );
    assert_eq!(
        ErrorCorrectionLevel::Q,
        ErrorCorrectionLevel::forBits(3).unwrap()
    );
}

#[test]
#[should_panic]
fn testBadECLevel() {
    assert!(ErrorCorrectionLevel::forBits(4).is_ok());
}
