"""Public checks for onnx-parity: a small worked example, shipped to learners.

Plain data only: this file must import nothing. The training rows are (age, monthly spend,
last login as a Unix timestamp); the expected probabilities are scikit-learn's predict_proba
of the notebook's pipeline fitted on them.
"""

X_TRAIN = [[34, 182.5, 1717000000], [51, 40.0, 1716500000], [23, 310.0, 1717200000],
           [45, 95.5, 1716000000], [62, 20.0, 1715800000], [29, 250.0, 1717150000],
           [38, 130.0, 1716900000], [57, 60.5, 1716200000], [41, 210.0, 1716400000],
           [26, 75.0, 1717100000]]
Y_TRAIN = [0, 1, 0, 1, 1, 0, 0, 1, 1, 0]
X_NEW = [[30, 150.0, 1717050000], [60, 30.0, 1715500000], [48, 500.0, 1718000000]]

PUBLIC_CHECKS = [
    {
        "id": "proba-example",
        "title": "the ONNX model reproduces predict_proba on three new customers",
        "points": 1,
        "function": "export_and_predict",
        "args": [X_TRAIN, Y_TRAIN, [X_NEW]],
        "expected": [[[0.8407934115709357, 0.15920658842906435],
                      [0.012684954240295032, 0.987315045759705],
                      [0.9733725670010447, 0.026627432998955366]]],
        "rtol": 0.0,
        "atol": 1e-6,
        "message": "the probabilities of your ONNX model differ from the pipeline's "
                   "predict_proba on the example",
        "hints": [
            "Export the whole fitted pipeline (scaler and model), and return the probabilities "
            "as an array of shape (rows, classes). The third feature is a timestamp near "
            "1.7e9: how precisely can float32 store it?",
            "Use skl2onnx.to_onnx(pipeline, X_train[:1].astype(np.float64), options={'zipmap': "
            "False}) (float64 sample, so the input is a double tensor), feed "
            "np.asarray(X, dtype=np.float64) under session.get_inputs()[0].name, and return "
            "the 'probabilities' output.",
        ],
    },
    {
        "id": "model-example",
        "title": "the exported model declares one double input of shape (None, 3)",
        "points": 1,
        "function": "describe_onnx_model",
        "args": [X_TRAIN, Y_TRAIN],
        "expected": {"inputs": 1, "input_type": "double", "batch_dimension": "symbolic",
                     "features": 3},
        "message": "the exported model does not declare the expected input",
        "hints": [
            "describe_onnx_model reads your model's graph.input. Run it and compare the "
            "dictionary with the expected one.",
            "Declare a single input DoubleTensorType([None, n_features]) (skl2onnx infers it "
            "from a float64 sample in to_onnx): None leaves the batch size symbolic.",
        ],
    },
]
